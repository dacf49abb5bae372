package vn.danvan.unit.benchmark;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import vn.danvan.unit.unit.UnitRepository;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;

/**
 * Not a test: a national-scale tree (63 provinces, 705 districts and 10,599 communes until 30 June 2025; 34 provinces
 * and 3,321 communes from 1 July 2025; bodies under each) and the latency of the reads over HTTP, next to a baseline
 * (GET of one unit) measured in the same run. Run with
 * {@code ./mvnw -B -pl unit-service verify -Dgroups=benchmark -Dunit.excluded.groups=none -Dtest=NationalTreeBenchmark}.
 */
@QuarkusTest
@Tag("benchmark")
class NationalTreeBenchmark {
    static final int BODIES_PER_COMMUNE = Integer.getInteger("bench.bodiesPerCommune", 10);
    static final int ITERATIONS = Integer.getInteger("bench.iterations", 200);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    UnitRepository units;

    @TestHTTPResource("/")
    java.net.URI base;

    private final HttpClient http = HttpClient.newHttpClient();

    /** GET over a plain HTTP client (no response parsing on the client side): what the server costs. */
    private int get(String pathAndQuery) {
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(pathAndQuery + " answered " + response.statusCode());
            }
            return response.body().length;
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void measure() throws Exception {
        long start = System.nanoTime();
        long unitCount = generate();
        double generated = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        long closure = fillClosure();
        System.out.printf("%n== unit-service benchmark: %,d units generated in %.1f s (bodies per commune: %d); "
                        + "closure table: %,d rows by unit_ancestor_rebuild() in %.1f s%n",
                unitCount, generated, BODIES_PER_COMMUNE, closure, (System.nanoTime() - start) / 1e9);

        Random random = new Random(42);
        UUID oldProvince = id("p", 7);
        UUID newProvince = id("p", 3);
        List<String> lines = new ArrayList<>();
        lines.add(report("GET /api/units/{id} (baseline)", () -> {
            get("api/units/" + id("c", random.nextInt(10_599)));
            return null;
        }));
        lines.add(report("GET /api/units/{id}?asOf=2024-06-30", () -> {
            get("api/units/" + id("c", random.nextInt(10_599)) + "?asOf=2024-06-30");
            return null;
        }));
        int[] size = new int[1];
        lines.add(report("subtree of a pre-2025 province, asOf=2024-06-30", () -> {
            size[0] = get("api/units/" + oldProvince + "/subtree?asOf=2024-06-30");
            return null;
        }) + " " + count(oldProvince, "2024-06-30") + " units, " + size[0] / 1024 + " KiB");
        lines.add(report("subtree of a 2025 province, asOf=2025-07-01", () -> {
            size[0] = get("api/units/" + newProvince + "/subtree?asOf=2025-07-01");
            return null;
        }) + " " + count(newProvince, "2025-07-01") + " units, " + size[0] / 1024 + " KiB");
        lines.add(report("children of a province, asOf=2025-07-01", () -> {
            get("api/units/" + newProvince + "/children?asOf=2025-07-01");
            return null;
        }));
        String[] queries = {"hoa", "Nhân Hòa", "dong tam", "xã tân phú 12", "ban dan van"};
        lines.add(report("search q= national, asOf=2025-07-01, page of 50", () -> {
            get("api/units?asOf=2025-07-01&q=" + URLEncoder.encode(queries[random.nextInt(queries.length)],
                    StandardCharsets.UTF_8));
            return null;
        }));
        lines.add(report("search q=nhân hoà&level=COMMUNE, asOf=2024-06-30", () -> {
            get("api/units?asOf=2024-06-30&level=COMMUNE&q=" + URLEncoder.encode("nhân hoà", StandardCharsets.UTF_8));
            return null;
        }));
        lines.add(report("in process: UnitRepository.subtree, pre-2025 province (no HTTP, no JSON)", () -> {
            units.subtree(oldProvince, java.time.LocalDate.parse("2024-06-30"));
            return null;
        }));
        lines.add(report("SQL only: subtree of a pre-2025 province, closure table (JDBC)", () -> {
            subtreeSql(CLOSURE, oldProvince, "2024-06-30");
            return null;
        }));
        lines.add(report("SQL only: subtree of a 2025 province, closure table (JDBC)", () -> {
            subtreeSql(CLOSURE, newProvince, "2025-07-01");
            return null;
        }));
        lines.add(report("SQL only: subtree of a pre-2025 province, recursive walk (JDBC)", () -> {
            subtreeSql(WALK, oldProvince, "2024-06-30");
            return null;
        }));
        lines.add(report("SQL only: subtree of a 2025 province, recursive walk (JDBC)", () -> {
            subtreeSql(WALK, newProvince, "2025-07-01");
            return null;
        }));
        if (Boolean.getBoolean("bench.explain")) {
            explain(CLOSURE, oldProvince, "2024-06-30");
            explain(WALK, oldProvince, "2024-06-30");
        }
        System.out.println("| read | p50 ms | p99 ms |");
        System.out.println("|---|---:|---:|");
        lines.forEach(System.out::println);
    }

    /** The subtree query of UnitRepository (closure table): root, then the date twice. */
    private static final String CLOSURE = """
            SELECT a.descendant_id, a.name, a.kind, a.level, a.parent_id, a.code, a.unit_valid_from,
              a.unit_valid_to, a.former_names::text, a.version FROM unit_ancestor a
            WHERE a.ancestor_id = ? AND a.valid_from <= ?::date AND (a.valid_to IS NULL OR a.valid_to >= ?::date)
            ORDER BY a.depth, a.name COLLATE "vi-x-icu", a.descendant_id""";

    /** The recursive walk of unit_period it replaced, kept in UnitRepository as the reference. */
    private static final String WALK = """
            WITH RECURSIVE t AS (
              SELECT p.*, 0 AS depth FROM unit_period p WHERE p.unit_id = ?
                AND p.valid_from <= ?::date AND (p.valid_to IS NULL OR p.valid_to >= ?::date)
              UNION ALL
              SELECT p.*, t.depth + 1 FROM t JOIN unit_period p ON p.parent_id = t.unit_id
                AND p.valid_from <= ?::date AND (p.valid_to IS NULL OR p.valid_to >= ?::date)
              WHERE t.depth < 64)
            SELECT p.unit_id, p.name, p.kind, p.level, p.parent_id, p.code, u.valid_from, u.valid_to,
              p.former_names::text, u.version FROM t p JOIN unit u ON u.id = p.unit_id
            ORDER BY p.depth, p.name COLLATE "vi-x-icu", p.unit_id""";

    /** A subtree query over plain JDBC, every row read: the database's share of the latency. */
    private void subtreeSql(String query, UUID root, String asOf) {
        try (Connection connection = dataSource.getConnection();
             var statement = connection.prepareStatement(query)) {
            bind(statement, query, root, asOf);
            try (var rs = statement.executeQuery()) {
                while (rs.next()) {
                    rs.getString(2);
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void bind(java.sql.PreparedStatement statement, String query, UUID root, String asOf)
            throws java.sql.SQLException {
        statement.setObject(1, root);
        for (int i = 2; i <= (query.equals(CLOSURE) ? 3 : 5); i++) {
            statement.setString(i, asOf);
        }
    }

    private void explain(String query, UUID root, String asOf) throws Exception {
        try (Connection connection = dataSource.getConnection();
             var statement = connection.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + query)) {
            bind(statement, query, root, asOf);
            try (var rs = statement.executeQuery()) {
                while (rs.next()) {
                    System.out.println(rs.getString(1));
                }
            }
        }
    }

    private int count(UUID root, String asOf) {
        return given().queryParam("asOf", asOf).when().get("/api/units/" + root + "/subtree").then().extract().path("total");
    }

    private static String report(String name, Supplier<Void> call) {
        for (int i = 0; i < 20; i++) {
            call.get();
        }
        double[] ms = new double[ITERATIONS];
        for (int i = 0; i < ITERATIONS; i++) {
            long t = System.nanoTime();
            call.get();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return String.format("| %s | %.1f | %.1f |", name, ms[ITERATIONS / 2], ms[(int) Math.ceil(ITERATIONS * 0.99) - 1]);
    }

    /** The id the SQL below gives: md5(kind || n) read as a UUID. */
    static UUID id(String kind, int n) {
        try {
            String hex = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                    .digest((kind + n).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            return UUID.fromString(hex.replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5"));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Fills the closure table as the migration does for existing data: {@code unit_ancestor_rebuild()}. */
    private long fillClosure() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("SET synchronous_commit = off");
            long rows;
            try (var rs = sql.executeQuery("SELECT unit_ancestor_rebuild()")) {
                rs.next();
                rows = rs.getLong(1);
            }
            sql.execute("ANALYZE unit_ancestor");
            return rows;
        }
    }

    /** Generates the tree in SQL (the API would take far longer than the reads we measure); returns the unit count. */
    private long generate() throws Exception {
        String names = "ARRAY['Nhân','Hòa','Đồng','Tân','Phú','Bình','An','Xuân','Trường','Lộc','Hưng','Thịnh','Quảng','Tam','Đức']";
        String folded = "ARRAY['nhan','hoa','dong','tan','phu','binh','an','xuan','truong','loc','hung','thinh','quang','tam','duc']";
        String bodies = "ARRAY['Ban Dân vận','UBND','Ủy ban MTTQ Việt Nam','Công an','Ban Chỉ huy Quân sự','Hội Nông dân',"
                + "'Hội Liên hiệp Phụ nữ','Đoàn Thanh niên','Hội Cựu chiến binh','Thôn','Tổ dân phố','Chi bộ']";
        String bodiesFolded = "ARRAY['ban dan van','ubnd','uy ban mttq viet nam','cong an','ban chi huy quan su','hoi nong dan',"
                + "'hoi lien hiep phu nu','doan thanh nien','hoi cuu chien binh','thon','to dan pho','chi bo']";
        String uuid = "(md5(%s)::uuid)";
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("SET synchronous_commit = off");
            sql.execute("""
                    CREATE TEMP TABLE g (id uuid, parent uuid, vf date, vt date, name text, key text, kind text, level text, code text);
                    -- provinces: 1..34 go on after 2025, 35..63 end on 2025-06-30
                    INSERT INTO g SELECT %1$s, NULL, DATE '2020-01-01', CASE WHEN i > 34 THEN DATE '2025-06-30' END,
                      'Tỉnh ủy ' || (%2$s)[i %% 15 + 1] || ' ' || i, 'tinh uy ' || (%3$s)[i %% 15 + 1] || ' ' || i,
                      'PARTY_COMMITTEE', 'PROVINCE', 'BP' || i FROM generate_series(0, 62) i;
                    -- districts (705) until 2025-06-30
                    INSERT INTO g SELECT %4$s, %5$s, DATE '2020-01-01', DATE '2025-06-30',
                      'Huyện ủy ' || (%2$s)[i %% 15 + 1] || ' ' || (%2$s)[(i / 15) %% 15 + 1] || ' ' || i,
                      'huyen uy ' || (%3$s)[i %% 15 + 1] || ' ' || (%3$s)[(i / 15) %% 15 + 1] || ' ' || i,
                      'PARTY_COMMITTEE', 'DISTRICT', 'BD' || i FROM generate_series(0, 704) i;
                    -- communes before (10,599, under districts) and after (3,321, under the 34 provinces)
                    INSERT INTO g SELECT %6$s, %7$s, DATE '2020-01-01', DATE '2025-06-30',
                      'Đảng ủy xã ' || (%2$s)[i %% 15 + 1] || ' ' || (%2$s)[(i / 15) %% 15 + 1] || ' ' || i,
                      'dang uy xa ' || (%3$s)[i %% 15 + 1] || ' ' || (%3$s)[(i / 15) %% 15 + 1] || ' ' || i,
                      'PARTY_COMMITTEE', 'COMMUNE', 'BC' || i FROM generate_series(0, 10598) i;
                    INSERT INTO g SELECT %8$s, %9$s, DATE '2025-07-01', NULL,
                      'Đảng ủy xã ' || (%2$s)[i %% 15 + 1] || ' ' || (%2$s)[(i / 7) %% 15 + 1] || ' mới ' || i,
                      'dang uy xa ' || (%3$s)[i %% 15 + 1] || ' ' || (%3$s)[(i / 7) %% 15 + 1] || ' moi ' || i,
                      'PARTY_COMMITTEE', 'COMMUNE', 'BN' || i FROM generate_series(0, 3320) i;
                    -- bodies under every commune, and under provinces and districts
                    INSERT INTO g SELECT md5(g.id::text || b)::uuid, g.id, g.vf, g.vt,
                      (%10$s)[b %% 12 + 1] || ' ' || g.name || ' ' || b, (%11$s)[b %% 12 + 1] || ' ' || g.key || ' ' || b,
                      'MASS_ORGANIZATION', g.level, NULL
                      FROM g, generate_series(1, CASE WHEN g.level = 'COMMUNE' THEN %12$d WHEN g.level = 'PROVINCE' THEN 20 ELSE 10 END) b;
                    INSERT INTO unit (id, valid_from, valid_to, version, created_by, created_at, updated_by, updated_at)
                      SELECT id, vf, vt, 0, 'benchmark', now(), 'benchmark', now() FROM g;
                    INSERT INTO unit_period (id, unit_id, valid_from, valid_to, name, kind, level, parent_id, code, former_names, search_key)
                      SELECT gen_random_uuid(), id, vf, vt, name, kind, level, parent, code, '[]', key FROM g;
                    ANALYZE unit; ANALYZE unit_period;
                    """.formatted(uuid.formatted("'p' || i"), names, folded, uuid.formatted("'d' || i"),
                    uuid.formatted("'p' || (i % 63)"), uuid.formatted("'c' || i"), uuid.formatted("'d' || (i % 705)"),
                    uuid.formatted("'n' || i"), uuid.formatted("'p' || (i % 34)"), bodies, bodiesFolded, BODIES_PER_COMMUNE));
            try (var rs = sql.executeQuery("SELECT count(*) FROM unit")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
