package vn.danvan.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;

/**
 * A deterministic generator of malformed requests across the write and read endpoints of the three services. Every
 * request it makes is wrong in exactly one way (bad JSON, a wrong type, a missing or blank field, an unknown enum value,
 * a bad UUID or date, an oversized string, a bad query parameter, a wrong content type, a stale If-Match…), so none
 * may change anything; {@code field} names what a validation answer must point at, when it is one field.
 */
public final class MalformedRequests {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** One request and what its answer must name. */
    public record Case(String label, Api api, String method, String path, String contentType, String body,
                       Map<String, String> headers, String field) {
    }

    /** The ids of what exists, so that requests reach validation rather than stopping at 404. */
    public record Existing(UUID district, UUID board, UUID commune, UUID model, UUID draftPlan, UUID signedPlan,
                           UUID official) {
    }

    enum Kind { REQUIRED_TEXT, OPTIONAL_TEXT, REQUIRED_UUID, OPTIONAL_UUID, REQUIRED_ENUM, REQUIRED_PAST_DATE, REQUIRED_DATE,
        OPTIONAL_DATE, YEAR, UUID_LIST, OBJECT_LIST, CODE }

    /** A field of a body: where it is (a.b[0].c), what kind of value it takes, its maximum length if text. */
    record Field(String path, Kind kind, int max) {
    }

    /** A write endpoint: a valid body, and the fields that may be broken one at a time. */
    record Write(String name, Api api, String method, String path, boolean replaces, ObjectNode valid, List<Field> fields) {
    }

    /** A read endpoint: valid query parameters, and the parameters that may be broken one at a time. */
    record Read(String name, Api api, String path, Map<String, String> valid, Map<String, List<String>> broken) {
    }

    private final FaultPlatform platform;
    private final Existing existing;
    private final List<Function<Random, Case>> generators = new ArrayList<>();

    public MalformedRequests(FaultPlatform platform, Existing existing) {
        this.platform = platform;
        this.existing = existing;
        writes().forEach(this::addWrite);
        reads().forEach(this::addRead);
        addPaths();
    }

    /** Every kind of mistake once, then random ones until {@code count}; the same list for the same seed. */
    public List<Case> generate(long seed, int count) {
        Random random = new Random(seed);
        List<Case> cases = new ArrayList<>();
        for (Function<Random, Case> generator : generators) {
            if (cases.size() < count) {
                cases.add(generator.apply(random));
            }
        }
        while (cases.size() < count) {
            cases.add(generators.get(random.nextInt(generators.size())).apply(random));
        }
        return cases;
    }

    public int kinds() {
        return generators.size();
    }

    // ---- the endpoints -----------------------------------------------------------------------------------------

    private List<Write> writes() {
        String today = "2024-03-01";
        ObjectNode unit = object("name", "Xã Nhân Hậu", "kind", "PARTY_COMMITTEE", "level", "COMMUNE",
                "parentId", existing.district().toString(), "code", "25150", "validFrom", "2020-01-01");
        ObjectNode unitUpdate = object("name", "Xã Nhân Hậu", "kind", "PARTY_COMMITTEE", "level", "COMMUNE",
                "parentId", existing.district().toString(), "code", "25151");
        ObjectNode official = object("fullName", "Nguyễn Thị Hoa", "position", "Trưởng ban Dân vận",
                "unitId", existing.board().toString(), "username", "hoa.nt", "validFrom", "2021-01-01");
        ObjectNode rename = object("type", "RENAME", "effectiveDate", "2024-01-01", "decisionRef", "QĐ 12/QĐ-UBND",
                "unitId", existing.commune().toString(), "newName", "Xã Nhân Thịnh mới");
        ObjectNode model = object("name", "Dân vận khéo trong dồn điền đổi thửa", "unitId", existing.commune().toString(),
                "field", "ECONOMY", "origin", "NEW", "registeredOn", "2024-04-20", "description", "Vận động nhân dân");
        ObjectNode recognition = object("level", "DISTRICT", "recognizedOn", today, "decisionRef", "QĐ 99/QĐ-HU");
        ObjectNode plan = object("title", "Kế hoạch phối hợp năm 2024", "documentNumber", "KH-01",
                "ownerUnitId", existing.board().toString());
        plan.put("year", 2024);
        plan.set("partnerUnitIds", NODES.arrayNode().add(existing.commune().toString()));
        plan.set("tasks", NODES.arrayNode().add(object("title", "Hiến đất làm đường", "responsibleUnitId",
                existing.commune().toString())));
        ObjectNode signing = object("signedOn", "2024-02-01", "place", "Hội trường Huyện ủy");
        signing.set("signatories", NODES.arrayNode()
                .add(object("unitId", existing.board().toString(), "name", "Nguyễn Văn An", "position", "Trưởng ban"))
                .add(object("unitId", existing.commune().toString(), "name", "Trần Thị Bình", "position", "Bí thư")));
        ObjectNode review = object("kind", "MID_YEAR", "heldOn", "2024-07-01", "summary", "Sơ kết 6 tháng");
        ObjectNode amendment = object("amendedOn", "2024-05-01", "reason", "Bổ sung nhiệm vụ", "title", "Kế hoạch sửa đổi");

        return List.of(
                new Write("create unit", platform.units, "POST", "/api/units", false, unit, List.of(
                        new Field("name", Kind.REQUIRED_TEXT, 255), new Field("kind", Kind.REQUIRED_ENUM, 0),
                        new Field("level", Kind.REQUIRED_ENUM, 0), new Field("parentId", Kind.OPTIONAL_UUID, 0),
                        new Field("code", Kind.CODE, 32), new Field("validFrom", Kind.OPTIONAL_DATE, 0))),
                new Write("update unit", platform.units, "PUT", "/api/units/" + existing.commune(), true, unitUpdate, List.of(
                        new Field("name", Kind.REQUIRED_TEXT, 255), new Field("kind", Kind.REQUIRED_ENUM, 0),
                        new Field("level", Kind.REQUIRED_ENUM, 0), new Field("parentId", Kind.OPTIONAL_UUID, 0),
                        new Field("code", Kind.CODE, 32))),
                new Write("create official", platform.units, "POST", "/api/officials", false, official, List.of(
                        new Field("fullName", Kind.REQUIRED_TEXT, 255), new Field("position", Kind.REQUIRED_TEXT, 255),
                        new Field("unitId", Kind.REQUIRED_UUID, 0), new Field("username", Kind.OPTIONAL_TEXT, 255),
                        new Field("validFrom", Kind.REQUIRED_DATE, 0), new Field("validTo", Kind.OPTIONAL_DATE, 0))),
                new Write("update official", platform.units, "PUT", "/api/officials/" + existing.official(), true, official, List.of(
                        new Field("fullName", Kind.REQUIRED_TEXT, 255), new Field("position", Kind.REQUIRED_TEXT, 255),
                        new Field("unitId", Kind.REQUIRED_UUID, 0), new Field("validFrom", Kind.REQUIRED_DATE, 0))),
                new Write("reorganize", platform.units, "POST", "/api/reorganizations", false, rename, List.of(
                        new Field("type", Kind.REQUIRED_ENUM, 0), new Field("effectiveDate", Kind.OPTIONAL_DATE, 0),
                        new Field("unitId", Kind.OPTIONAL_UUID, 0), new Field("sourceIds", Kind.UUID_LIST, 0))),
                new Write("register model", platform.plans, "POST", "/api/models", false, model, List.of(
                        new Field("name", Kind.REQUIRED_TEXT, 500), new Field("unitId", Kind.REQUIRED_UUID, 0),
                        new Field("field", Kind.REQUIRED_ENUM, 0), new Field("origin", Kind.REQUIRED_ENUM, 0),
                        new Field("replicatedFromId", Kind.OPTIONAL_UUID, 0),
                        new Field("registeredOn", Kind.REQUIRED_PAST_DATE, 0),
                        new Field("description", Kind.OPTIONAL_TEXT, 20_000))),
                new Write("update model", platform.plans, "PUT", "/api/models/" + existing.model(), true, model, List.of(
                        new Field("name", Kind.REQUIRED_TEXT, 500), new Field("unitId", Kind.REQUIRED_UUID, 0),
                        new Field("field", Kind.REQUIRED_ENUM, 0), new Field("origin", Kind.REQUIRED_ENUM, 0),
                        new Field("registeredOn", Kind.REQUIRED_PAST_DATE, 0))),
                new Write("recognize model", platform.plans, "POST", "/api/models/" + existing.model() + "/recognitions", true,
                        recognition, List.of(new Field("level", Kind.REQUIRED_ENUM, 0),
                        new Field("recognizedOn", Kind.REQUIRED_PAST_DATE, 0), new Field("decisionRef", Kind.REQUIRED_TEXT, 200))),
                new Write("create plan", platform.plans, "POST", "/api/plans", false, plan, List.of(
                        new Field("title", Kind.REQUIRED_TEXT, 500), new Field("documentNumber", Kind.OPTIONAL_TEXT, 100),
                        new Field("ownerUnitId", Kind.REQUIRED_UUID, 0), new Field("partnerUnitIds", Kind.UUID_LIST, 0),
                        new Field("year", Kind.YEAR, 0), new Field("startDate", Kind.OPTIONAL_DATE, 0),
                        new Field("tasks", Kind.OBJECT_LIST, 0), new Field("tasks[0].title", Kind.REQUIRED_TEXT, 2000),
                        new Field("tasks[0].responsibleUnitId", Kind.REQUIRED_UUID, 0))),
                new Write("update plan", platform.plans, "PUT", "/api/plans/" + existing.draftPlan(), true, plan, List.of(
                        new Field("title", Kind.REQUIRED_TEXT, 500), new Field("ownerUnitId", Kind.REQUIRED_UUID, 0),
                        new Field("partnerUnitIds", Kind.UUID_LIST, 0), new Field("year", Kind.YEAR, 0))),
                new Write("sign plan", platform.plans, "POST", "/api/plans/" + existing.draftPlan() + "/signing", true, signing,
                        List.of(new Field("signedOn", Kind.REQUIRED_PAST_DATE, 0), new Field("place", Kind.REQUIRED_TEXT, 500),
                                new Field("signatories", Kind.OBJECT_LIST, 0),
                                new Field("signatories[0].unitId", Kind.REQUIRED_UUID, 0),
                                new Field("signatories[1].name", Kind.REQUIRED_TEXT, 200),
                                new Field("signatories[0].position", Kind.REQUIRED_TEXT, 300))),
                new Write("review plan", platform.plans, "POST", "/api/plans/" + existing.signedPlan() + "/reviews", true, review,
                        List.of(new Field("kind", Kind.REQUIRED_ENUM, 0), new Field("heldOn", Kind.REQUIRED_PAST_DATE, 0),
                                new Field("summary", Kind.REQUIRED_TEXT, 20_000), new Field("assessment", Kind.OPTIONAL_TEXT, 20_000))),
                new Write("amend plan", platform.plans, "POST", "/api/plans/" + existing.signedPlan() + "/amendments", true,
                        amendment, List.of(new Field("amendedOn", Kind.REQUIRED_PAST_DATE, 0),
                        new Field("reason", Kind.REQUIRED_TEXT, 5000), new Field("partnerUnitIds", Kind.UUID_LIST, 0),
                        new Field("endDate", Kind.OPTIONAL_DATE, 0))));
    }

    private List<Read> reads() {
        String district = existing.district().toString();
        List<String> badPage = List.of("abc", "-1", "1.5", "1e3", "2147483648", "một");
        List<String> badSize = List.of("abc", "0", "-5", "501", "99999999999", "ten");
        List<String> badUuid = List.of("not-a-uuid", "1234", "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz", district + "0", "' OR 1=1 --");
        List<String> badDate = List.of("2024-02-30", "2024-13-01", "01/02/2024", "yesterday", "2024-1-1x");
        List<String> badYear = List.of("abc", "20x4", "99999", "-2024", "2024.5");
        List<String> badPeriod = List.of("2024-Q5", "2024-H3", "2024-13", "24", "2024-9X", "2024-06-30..2024-01-01", "quý 1",
                "2024-02-30..2024-03-01", "");
        return List.of(
                new Read("list units", platform.units, "/api/units", Map.of(), Map.of("level", List.of("HAMLET", "district"),
                        "kind", List.of("CLUB", "123"), "asOf", badDate, "parentId", badUuid, "page", badPage, "size", badSize)),
                new Read("unit children", platform.units, "/api/units/" + district + "/children", Map.of(),
                        Map.of("asOf", badDate)),
                new Read("unit subtree", platform.units, "/api/units/" + district + "/subtree", Map.of(),
                        Map.of("asOf", badDate)),
                new Read("unit", platform.units, "/api/units/" + district, Map.of(), Map.of("asOf", badDate)),
                new Read("list officials", platform.units, "/api/officials", Map.of(), Map.of("unitId", badUuid,
                        "asOf", badDate, "page", badPage, "size", badSize)),
                new Read("list models", platform.plans, "/api/models", Map.of("unitId", district), Map.of("unitId", badUuid,
                        "field", List.of("MARKETING", "ECONOMY,CULTURE"), "origin", List.of("COPIED"), "year", badYear,
                        "page", badPage, "size", badSize)),
                new Read("list plans", platform.plans, "/api/plans", Map.of("unitId", district), Map.of("unitId", badUuid,
                        "year", badYear, "status", List.of("ARCHIVED", "signed!"), "page", badPage, "size", badSize)),
                new Read("model report", platform.reports, "/api/reports/models", Map.of("unitId", district, "period", "2024"),
                        Map.of("unitId", badUuid, "period", badPeriod, "groupBy", List.of("province", "colour"),
                                "structureAsOf", badDate, "format", List.of("pdf", "docx"))),
                new Read("plan report", platform.reports, "/api/reports/plans", Map.of("unitId", district, "year", "2024"),
                        Map.of("unitId", badUuid, "year", badYear, "structureAsOf", badDate, "format", List.of("pdf", "md"))),
                new Read("dashboard", platform.reports, "/api/dashboard/summary", Map.of("unitId", district, "period", "2024"),
                        Map.of("unitId", badUuid, "period", badPeriod)),
                new Read("narrative", platform.reports, "/api/reports/models/narrative",
                        Map.of("unitId", district, "period", "2024"),
                        Map.of("unitId", badUuid, "period", badPeriod, "format", List.of("pdf", "xlsx"))));
    }

    // ---- the mistakes ------------------------------------------------------------------------------------------

    private void addWrite(Write write) {
        String valid = write.valid().toString();
        // The body as a whole.
        generators.add(r -> body(write, "not JSON", "{\"name\": \"Xã " + r.nextInt(100) + "\" \"kind\": }", "application/json"));
        generators.add(r -> body(write, "truncated JSON", valid.substring(0, 1 + r.nextInt(valid.length() - 2)), "application/json"));
        generators.add(r -> body(write, "empty body", "", "application/json"));
        generators.add(r -> body(write, "JSON null", "null", "application/json"));
        generators.add(r -> body(write, "JSON array", "[" + valid + "]", "application/json"));
        generators.add(r -> body(write, "JSON string", "\"" + write.name() + "\"", "application/json"));
        generators.add(r -> body(write, "JSON number", Integer.toString(r.nextInt()), "application/json"));
        generators.add(r -> body(write, "wrong content type", valid,
                pick(r, List.of("text/plain", "application/xml", "application/x-www-form-urlencoded", "text/csv"))));
        if (write.api() == platform.plans) {
            generators.add(r -> {
                ObjectNode huge = write.valid().deepCopy();
                huge.put(write.fields().get(0).path(), "ư".repeat(600_000 + r.nextInt(100_000)));
                return body(write, "body over the size limit", huge.toString(), "application/json");
            });
        }
        if (write.replaces()) {
            generators.add(r -> new Case(write.name() + ": stale If-Match", write.api(), write.method(), write.path(),
                    "application/json", valid, Map.of("If-Match", "\"" + (1000 + r.nextInt(1000)) + "\""), null));
        }
        // One field at a time.
        for (Field field : write.fields()) {
            for (Mistake mistake : mistakes(field)) {
                generators.add(r -> {
                    ObjectNode body = write.valid().deepCopy();
                    String description = mistake.apply(body, field, r);
                    return new Case(write.name() + ": " + field.path() + " " + description, write.api(), write.method(),
                            write.path(), "application/json", body.toString(), Map.of(), field.path());
                });
            }
        }
    }

    private Case body(Write write, String description, String body, String contentType) {
        return new Case(write.name() + ": " + description, write.api(), write.method(), write.path(), contentType, body,
                Map.of(), null);
    }

    private void addRead(Read read) {
        read.broken().forEach((parameter, values) -> generators.add(r -> {
            Map<String, String> query = new java.util.TreeMap<>(read.valid());
            query.put(parameter, pick(r, values));
            return new Case(read.name() + ": " + parameter + "=" + query.get(parameter), read.api(), "GET",
                    read.path() + "?" + encode(query), null, null, Map.of(), parameter);
        }));
        if (read.api() == platform.reports) {
            // Every parameter of a report is required.
            read.valid().keySet().forEach(parameter -> generators.add(r -> {
                Map<String, String> query = new java.util.TreeMap<>(read.valid());
                query.remove(parameter);
                return new Case(read.name() + ": without " + parameter, read.api(), "GET", read.path() + "?" + encode(query),
                        null, null, Map.of(), parameter);
            }));
        }
    }

    /** Ids in paths: not a UUID (404, the resource cannot exist), or a UUID of nothing (404). */
    private void addPaths() {
        List<String> badIds = List.of("not-a-uuid", "123", "..%2F..%2Fetc", "%00", UUID.randomUUID() + "x");
        record Target(Api api, String method, String template, String body) {
        }
        String model = Api.json(Province.model("Mô hình", existing.commune(), "NEW", null, "2024-01-01"));
        List<Target> targets = List.of(
                new Target(platform.units, "GET", "/api/units/%s", null),
                new Target(platform.units, "GET", "/api/units/%s/lineage", null),
                new Target(platform.units, "GET", "/api/officials/%s", null),
                new Target(platform.units, "GET", "/api/reorganizations/%s", null),
                new Target(platform.plans, "GET", "/api/models/%s", null),
                new Target(platform.plans, "GET", "/api/plans/%s", null),
                new Target(platform.plans, "GET", "/api/plans/%s/signing", null),
                new Target(platform.plans, "POST", "/api/plans/%s/close", null),
                new Target(platform.plans, "POST", "/api/plans/%s/cancel", null),
                new Target(platform.plans, "POST", "/api/models/%s/recognitions",
                        object("level", "DISTRICT", "recognizedOn", "2024-01-05", "decisionRef", "QĐ 1").toString()));
        for (Target target : targets) {
            generators.add(r -> new Case(target.method() + " " + target.template() + " with a malformed id", target.api(),
                    target.method(), target.template().formatted(pick(r, badIds)), target.body() == null ? null : "application/json",
                    target.body(), Map.of(), null));
            generators.add(r -> new Case(target.method() + " " + target.template() + " of nothing", target.api(),
                    target.method(), target.template().formatted(new UUID(r.nextLong(), r.nextLong())),
                    target.body() == null ? null : "application/json", target.body(), Map.of(), null));
        }
        generators.add(r -> new Case("DELETE a model (no such method)", platform.plans, "DELETE", "/api/models/" + existing.model(),
                null, null, Map.of(), null));
        generators.add(r -> new Case("DELETE a unit (no such method)", platform.units, "DELETE", "/api/units/" + existing.commune(),
                null, null, Map.of(), null));
        generators.add(r -> new Case("PATCH a plan (no such method)", platform.plans, "PATCH", "/api/plans/" + existing.draftPlan(),
                "application/merge-patch+json", "{\"title\": \"x\"}", Map.of(), null));
        generators.add(r -> new Case("report in an unknown representation", platform.reports, "GET",
                "/api/reports/models?unitId=" + existing.district() + "&period=2024", null, null,
                Map.of("Accept", pick(r, List.of("application/pdf", "image/png"))), null));
        generators.add(r -> new Case("report of a unit that does not exist", platform.reports, "GET",
                "/api/reports/models?unitId=" + UUID.randomUUID() + "&period=2024", null, null, Map.of(), null));
        generators.add(r -> new Case("model PUT with a model-registering body to an unknown model", platform.plans, "PUT",
                "/api/models/" + new UUID(r.nextLong(), r.nextLong()), "application/json", model, Map.of(), null));
    }

    interface Mistake {
        /** Breaks the field in the body; returns what was done. */
        String apply(ObjectNode body, Field field, Random random);
    }

    private static List<Mistake> mistakes(Field field) {
        List<Mistake> mistakes = new ArrayList<>();
        Mistake remove = (b, f, r) -> {
            remove(b, f.path());
            return "missing";
        };
        Mistake setNull = (b, f, r) -> {
            set(b, f.path(), NODES.nullNode());
            return "null";
        };
        Mistake object = (b, f, r) -> {
            set(b, f.path(), object("value", "x" + r.nextInt(10)));
            return "an object";
        };
        Mistake bool = (b, f, r) -> {
            set(b, f.path(), NODES.booleanNode(r.nextBoolean()));
            return "a boolean";
        };
        Mistake array = (b, f, r) -> {
            set(b, f.path(), NODES.arrayNode().add("a").add("b"));
            return "an array";
        };
        Mistake badUuid = (b, f, r) -> {
            String value = pick(r, List.of("not-a-uuid", "1234", "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz",
                    UUID.randomUUID() + "-1", "{" + UUID.randomUUID() + "}"));
            set(b, f.path(), NODES.textNode(value));
            return "= " + value;
        };
        Mistake badDate = (b, f, r) -> {
            String value = pick(r, List.of("2024-02-30", "2024-13-01", "20-04-2024", "2024/04/20", "hôm qua", "2024-4-1",
                    "2024-04-20 10:00"));
            set(b, f.path(), NODES.textNode(value));
            return "= " + value;
        };
        switch (field.kind()) {
            case REQUIRED_TEXT -> {
                mistakes.addAll(List.of(remove, setNull, object, array));
                mistakes.add((b, f, r) -> {
                    set(b, f.path(), NODES.textNode(" ".repeat(1 + r.nextInt(5))));
                    return "blank";
                });
                mistakes.add(oversized());
            }
            case OPTIONAL_TEXT -> mistakes.addAll(List.of(object, array, oversized()));
            case CODE -> {
                mistakes.add(oversized());
                mistakes.add((b, f, r) -> {
                    String value = pick(r, List.of("25 150", "mã/01", "xã-1!", "<script>"));
                    set(b, f.path(), NODES.textNode(value));
                    return "= " + value;
                });
            }
            case REQUIRED_UUID -> mistakes.addAll(List.of(remove, setNull, badUuid, bool, object));
            case OPTIONAL_UUID -> mistakes.addAll(List.of(badUuid, bool, object, array));
            case REQUIRED_ENUM -> {
                mistakes.addAll(List.of(remove, setNull, bool, object, array));
                mistakes.add((b, f, r) -> {
                    String value = pick(r, List.of("UNKNOWN", "Kinh tế", "ECONOMY_AND_MORE", "null", "DIS TRICT", "1x"));
                    set(b, f.path(), NODES.textNode(value));
                    return "= " + value;
                });
            }
            case REQUIRED_PAST_DATE -> {
                mistakes.addAll(List.of(remove, setNull, badDate, bool, object));
                mistakes.add((b, f, r) -> {
                    String value = (2100 + r.nextInt(800)) + "-01-01";
                    set(b, f.path(), NODES.textNode(value));
                    return "in the future (" + value + ")";
                });
            }
            case REQUIRED_DATE -> mistakes.addAll(List.of(remove, setNull, badDate, bool, object));
            case OPTIONAL_DATE -> mistakes.addAll(List.of(badDate, bool, object));
            case YEAR -> {
                mistakes.addAll(List.of(bool, object, array));
                mistakes.add((b, f, r) -> {
                    String value = pick(r, List.of("abc", "20x4", "năm 2024"));
                    set(b, f.path(), NODES.textNode(value));
                    return "= \"" + value + "\"";
                });
                mistakes.add((b, f, r) -> {
                    int value = r.nextBoolean() ? 1000 + r.nextInt(900) : 2101 + r.nextInt(10_000);
                    set(b, f.path(), NODES.numberNode(value));
                    return "= " + value;
                });
            }
            case UUID_LIST -> {
                mistakes.addAll(List.of(bool, object));
                mistakes.add((b, f, r) -> {
                    set(b, f.path(), NODES.arrayNode().add("not-a-uuid"));
                    return "with a bad UUID";
                });
                mistakes.add((b, f, r) -> {
                    set(b, f.path(), NODES.textNode(UUID.randomUUID().toString() + "," + UUID.randomUUID()));
                    return "as one string";
                });
                // A reorganisation only reads the lists its type needs: there only malformed content is wrong for sure.
                if (!field.path().equals("sourceIds")) {
                    mistakes.add((b, f, r) -> {
                        set(b, f.path(), NODES.arrayNode().addNull());
                        return "with a null";
                    });
                    mistakes.add((b, f, r) -> {
                        set(b, f.path(), NODES.arrayNode());
                        return "empty";
                    });
                }
            }
            case OBJECT_LIST -> {
                mistakes.addAll(List.of(bool, object));
                mistakes.add((b, f, r) -> {
                    set(b, f.path(), NODES.arrayNode().addNull());
                    return "with a null";
                });
                mistakes.add((b, f, r) -> {
                    set(b, f.path(), NODES.arrayNode().add("a task"));
                    return "of strings";
                });
            }
        }
        return mistakes;
    }

    private static Mistake oversized() {
        return (b, f, r) -> {
            int length = f.max() + 1 + r.nextInt(Math.max(2, f.max() / 4));
            StringBuilder text = new StringBuilder(length);
            String alphabet = "Dân vận khéo ở cơ sở đồng thuận ";
            while (text.length() < length) {
                text.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            if (text.charAt(0) == ' ') {
                text.setCharAt(0, 'D');
            }
            set(b, f.path(), NODES.textNode(text.toString()));
            return "of " + length + " characters (max " + f.max() + ")";
        };
    }

    // ---- JSON paths like tasks[0].title --------------------------------------------------------------------------

    private static void set(ObjectNode body, String path, JsonNode value) {
        Parent parent = parent(body, path);
        if (parent.object() != null) {
            parent.object().set(parent.name(), value);
        } else {
            parent.array().set(parent.index(), value);
        }
    }

    private static void remove(ObjectNode body, String path) {
        Parent parent = parent(body, path);
        if (parent.object() != null) {
            parent.object().remove(parent.name());
        } else {
            parent.array().remove(parent.index());
        }
    }

    private record Parent(ObjectNode object, String name, ArrayNode array, int index) {
    }

    private static Parent parent(ObjectNode body, String path) {
        String[] steps = path.replace("[", ".[").split("\\.");
        JsonNode node = body;
        for (int i = 0; i < steps.length - 1; i++) {
            node = steps[i].startsWith("[") ? node.get(Integer.parseInt(steps[i].substring(1, steps[i].length() - 1)))
                    : node.get(steps[i]);
        }
        String last = steps[steps.length - 1];
        if (last.startsWith("[")) {
            return new Parent(null, null, (ArrayNode) node, Integer.parseInt(last.substring(1, last.length() - 1)));
        }
        return new Parent((ObjectNode) node, last, null, -1);
    }

    static ObjectNode object(String... pairs) {
        ObjectNode node = NODES.objectNode();
        for (int i = 0; i < pairs.length; i += 2) {
            node.put(pairs[i], pairs[i + 1]);
        }
        return node;
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String encode(Map<String, String> query) {
        StringBuilder text = new StringBuilder();
        query.forEach((name, value) -> {
            if (!text.isEmpty()) {
                text.append('&');
            }
            text.append(name).append('=').append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
        });
        return text.toString();
    }
}
