package vn.danvan.embedded;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Test support for the services' security: a key pair made for this JVM, the configuration that makes a service trust
 * it (issuer, audience, public key), and real signed tokens — valid, expired, forged or for another audience — shaped
 * like the local Keycloak realm's (roles in "groups", unit in "unit_id").
 */
public final class TestTokens {
    public static final String ISSUER = "https://sso.danvan.test/realms/danvan";
    public static final String AUDIENCE = "danvan-api";
    private static final KeyPair TRUSTED = jvmWide("danvan.test.trusted-key");
    private static final KeyPair FORGER = jvmWide("danvan.test.forger-key");

    private TestTokens() {
    }

    /** Configuration for a test profile: OIDC on, trusting only this JVM's key. */
    public static Map<String, String> config() {
        Map<String, String> config = new HashMap<>();
        config.put("danvan.security.enabled", "true");
        config.put("quarkus.oidc.tenant-enabled", "true");
        config.put("quarkus.oidc.auth-server-url", "");
        config.put("quarkus.oidc.discovery-enabled", "false");
        // What the dashboard is told to log in at (the service itself verifies with the public key only).
        config.put("danvan.dashboard.issuer", ISSUER);
        config.put("quarkus.oidc.public-key", Base64.getEncoder().encodeToString(TRUSTED.getPublic().getEncoded()));
        config.put("quarkus.oidc.token.issuer", ISSUER);
        config.put("quarkus.oidc.token.audience", AUDIENCE);
        return config;
    }

    /** A valid access token of a user with one role, acting for a unit (null: no unit claim). */
    public static String token(String user, String role, UUID unitId) {
        return claims(user, role, unitId).sign(TRUSTED.getPrivate());
    }

    public static String expired(String user, String role, UUID unitId) {
        Instant past = Instant.now().minusSeconds(3600);
        return claims(user, role, unitId).issuedAt(past.minusSeconds(600)).expiresAt(past).sign(TRUSTED.getPrivate());
    }

    public static String forged(String user, String role, UUID unitId) {
        return claims(user, role, unitId).sign(FORGER.getPrivate());
    }

    public static String otherAudience(String user, String role, UUID unitId) {
        return claims(user, role, unitId).audience("another-api").sign(TRUSTED.getPrivate());
    }

    public static String otherIssuer(String user, String role, UUID unitId) {
        return claims(user, role, unitId).issuer("https://evil.example/realms/danvan").sign(TRUSTED.getPrivate());
    }

    private static JwtClaimsBuilder claims(String user, String role, UUID unitId) {
        JwtClaimsBuilder claims = Jwt.issuer(ISSUER).audience(AUDIENCE).subject(UUID.nameUUIDFromBytes(user.getBytes()).toString())
                .preferredUserName(user).groups(Set.of(role)).expiresIn(300);
        if (unitId != null) {
            claims.claim("unit_id", unitId.toString());
        }
        return claims;
    }

    /**
     * One key pair per JVM, even though Quarkus loads this class in several class loaders (the test profile's and the
     * test's): the pair is kept, encoded, in a system property.
     */
    private static KeyPair jvmWide(String property) {
        synchronized (System.getProperties()) {
            String stored = System.getProperty(property);
            try {
                KeyFactory factory = KeyFactory.getInstance("RSA");
                if (stored == null) {
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(2048);
                    KeyPair pair = generator.generateKeyPair();
                    System.setProperty(property, Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()) + ":"
                            + Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
                    return pair;
                }
                String[] parts = stored.split(":");
                return new KeyPair(factory.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(parts[0]))),
                        factory.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(parts[1]))));
            } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
