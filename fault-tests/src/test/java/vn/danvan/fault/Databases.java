package vn.danvan.fault;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Row counts and content checksums of every table of the services' databases, to show that nothing changed. */
public final class Databases {
    public static final List<String> ALL = List.of("unit", "plan", "reporting");

    private Databases() {
    }

    /** "database.table" → "rows=N md5=…" for every table but Flyway's history. */
    public static Map<String, String> snapshot(FaultPlatform platform) throws SQLException {
        Map<String, String> snapshot = new TreeMap<>();
        for (String database : ALL) {
            try (Connection connection = platform.database(database); Statement statement = connection.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery("""
                        SELECT table_name FROM information_schema.tables
                        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'flyway_schema_history'
                        ORDER BY table_name""")) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
                for (String table : tables) {
                    try (ResultSet rs = statement.executeQuery("SELECT count(*), coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '-') FROM \""
                            + table + "\" t")) {
                        rs.next();
                        snapshot.put(database + "." + table, "rows=" + rs.getLong(1) + " md5=" + rs.getString(2));
                    }
                }
            }
        }
        return snapshot;
    }

    /** Outbox rows not yet relayed to Kafka, over the three services. */
    public static long unpublished(FaultPlatform platform) throws SQLException {
        long total = 0;
        for (String database : ALL) {
            try (Connection connection = platform.database(database); Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT count(*) FROM outbox_event WHERE published_at IS NULL")) {
                rs.next();
                total += rs.getLong(1);
            }
        }
        return total;
    }
}
