package vn.danvan.unit;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import vn.danvan.embedded.EmbeddedInfraResource;

/** Every test of this module runs against the JVM-wide embedded PostgreSQL and Kafka, in its own database. */
@QuarkusTestResource(value = EmbeddedInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "database", value = "unit"))
public class InfraTestResource {
}
