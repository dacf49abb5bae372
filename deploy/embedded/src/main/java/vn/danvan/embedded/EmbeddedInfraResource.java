package vn.danvan.embedded;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * Quarkus test resource: wires a service's datasource and Kafka client to the JVM-wide embedded servers.
 * Use with {@code @QuarkusTestResource(value = EmbeddedInfraResource.class, restrictToAnnotatedClass = false)}
 * or {@code @WithTestResource}; the optional init arg {@code database} names the service's database.
 */
public class EmbeddedInfraResource implements QuarkusTestResourceLifecycleManager {
    private String database = "danvan";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        EmbeddedInfra infra = EmbeddedInfra.get();
        infra.postgres().ensureDatabase(database);
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", infra.postgres().jdbcUrl(database));
        config.put("quarkus.datasource.username", Postgres.USER);
        config.put("quarkus.datasource.password", Postgres.PASSWORD);
        config.put("kafka.bootstrap.servers", infra.kafka().bootstrapServers());
        return config;
    }

    @Override
    public void stop() {
        // The servers live as long as the JVM: the next test class reuses them.
    }
}
