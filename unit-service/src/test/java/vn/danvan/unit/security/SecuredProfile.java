package vn.danvan.unit.security;

import io.quarkus.test.junit.QuarkusTestProfile;
import vn.danvan.embedded.TestTokens;

import java.util.Map;

/** unit-service as deployed: bearer tokens required, trusting the test key. */
public class SecuredProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return TestTokens.config();
    }
}
