package vn.danvan.reporting;

import io.quarkus.test.common.QuarkusTestResource;
import vn.danvan.embedded.EmbeddedInfraResource;

/** Every test of this module runs against the JVM-wide embedded PostgreSQL and Kafka. */
@QuarkusTestResource(value = EmbeddedInfraResource.class, restrictToAnnotatedClass = false)
public class InfraTestResource {
}
