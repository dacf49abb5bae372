package vn.danvan.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One PostgreSQL server and one Kafka broker per JVM, started on first use on free ports and stopped when
 * the JVM exits. Every Quarkus test class of a module shares them, so a whole suite pays the start once.
 */
public final class EmbeddedInfra {
    /** The topics of the public contract; dead-letter topics are created by the consumers' connector. */
    public static final List<String> TOPICS = List.of("units", "plans", "models");

    private static EmbeddedInfra instance;

    private final Postgres postgres;
    private final Kafka kafka;

    private EmbeddedInfra(Postgres postgres, Kafka kafka) {
        this.postgres = postgres;
        this.kafka = kafka;
    }

    public static synchronized EmbeddedInfra get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    private static EmbeddedInfra start() {
        try {
            Path work = Files.createTempDirectory("danvan-infra-");
            Postgres postgres = Postgres.start(Ports.free(), null, false);
            Kafka kafka = Kafka.start(Ports.free(), Ports.free(), work.resolve("kafka"));
            kafka.ensureTopics(TOPICS, 3);
            EmbeddedInfra infra = new EmbeddedInfra(postgres, kafka);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                infra.stopQuietly();
                try {
                    Kafka.deleteRecursively(work);
                } catch (IOException ignored) {
                    // a temp directory left behind is harmless
                }
            }, "embedded-infra-stop"));
            return infra;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Postgres postgres() {
        return postgres;
    }

    public Kafka kafka() {
        return kafka;
    }

    private void stopQuietly() {
        try {
            kafka.close();
        } catch (RuntimeException ignored) {
            // the JVM is going away
        }
        try {
            postgres.close();
        } catch (RuntimeException ignored) {
            // the JVM is going away
        }
    }
}
