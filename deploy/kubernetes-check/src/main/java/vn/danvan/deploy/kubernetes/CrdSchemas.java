package vn.danvan.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubernetes.client.openapi.models.V1ObjectMeta;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Custom resources against the {@code openAPIV3Schema} of their CustomResourceDefinition, the way
 * the API server reads a structural schema with strict field validation: unknown fields are
 * errors (unless {@code x-kubernetes-preserve-unknown-fields}), then types, required, enum,
 * pattern, bounds, oneOf/anyOf/not. CEL rules ({@code x-kubernetes-validations}) are not
 * evaluated. The CRDs are vendored under {@code src/main/resources/crds} (see the README there).
 */
public final class CrdSchemas {

    /** CRD files vendored in this module. */
    public static final List<String> VENDORED = List.of(
            "strimzi-040-Crd-kafka.yaml", "strimzi-043-Crd-kafkatopic.yaml",
            "strimzi-044-Crd-kafkauser.yaml", "strimzi-045-Crd-kafkanodepool.yaml",
            "cnpg-clusters.yaml", "cnpg-scheduledbackups.yaml");

    private final Map<String, JsonNode> schemas = new HashMap<>();

    public static CrdSchemas vendored() {
        CrdSchemas s = new CrdSchemas();
        for (String file : VENDORED) {
            try (InputStream in = CrdSchemas.class.getResourceAsStream("/crds/" + file)) {
                if (in == null) {
                    throw new IllegalStateException("missing CRD " + file);
                }
                s.addCrd(Yaml.readOne(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return s;
    }

    public void addCrd(JsonNode crd) {
        String group = crd.path("spec").path("group").asText();
        String kind = crd.path("spec").path("names").path("kind").asText();
        for (JsonNode v : crd.path("spec").path("versions")) {
            if (v.path("served").asBoolean(false)) {
                schemas.put(group + "/" + v.path("name").asText() + "/" + kind, v.path("schema").path("openAPIV3Schema"));
            }
        }
    }

    public boolean covers(JsonNode obj) {
        return schemas.containsKey(obj.path("apiVersion").asText() + "/" + obj.path("kind").asText());
    }

    public List<String> validate(JsonNode obj) {
        String id = Kustomize.id(obj);
        JsonNode schema = schemas.get(obj.path("apiVersion").asText() + "/" + obj.path("kind").asText());
        if (schema == null) {
            return List.of(id + ": no CRD schema for " + obj.path("apiVersion").asText() + " " + obj.path("kind").asText());
        }
        List<String> errors = new ArrayList<>();
        // metadata is ObjectMeta for every kind: check it with the Kubernetes model.
        errors.addAll(CoreSchemas.validate(id + " metadata", obj.path("metadata"), V1ObjectMeta.class));
        for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            switch (field) {
                case "apiVersion", "kind", "metadata" -> {
                }
                default -> {
                    JsonNode fieldSchema = schema.path("properties").get(field);
                    if (fieldSchema == null) {
                        errors.add(id + ": unknown field ." + field);
                    } else {
                        check(obj.get(field), fieldSchema, "." + field, errors, true);
                    }
                }
            }
        }
        for (JsonNode req : schema.path("required")) {
            if (!obj.has(req.asText())) {
                errors.add(id + ": missing required field ." + req.asText());
            }
        }
        return errors.stream().map(e -> e.startsWith(id) ? e : id + ": " + e).toList();
    }

    /**
     * @param strict report fields the schema does not declare (false inside oneOf/anyOf branches,
     *               which structural schemas use only to constrain fields declared elsewhere)
     */
    static void check(JsonNode value, JsonNode schema, String path, List<String> errors, boolean strict) {
        if (value.isNull()) {
            if (!schema.path("nullable").asBoolean(false)) {
                errors.add(path + ": null is not allowed");
            }
            return;
        }
        String type = schema.path("type").asText("");
        boolean intOrString = schema.path("x-kubernetes-int-or-string").asBoolean(false);
        if (intOrString) {
            if (!value.isIntegralNumber() && !value.isTextual()) {
                errors.add(path + ": must be an integer or a string");
                return;
            }
        } else {
            switch (type) {
                case "object" -> {
                    if (!value.isObject()) {
                        errors.add(path + ": must be an object");
                        return;
                    }
                }
                case "array" -> {
                    if (!value.isArray()) {
                        errors.add(path + ": must be an array");
                        return;
                    }
                }
                case "string" -> {
                    if (!value.isTextual()) {
                        errors.add(path + ": must be a string, not " + value);
                        return;
                    }
                }
                case "integer" -> {
                    if (!value.isIntegralNumber()) {
                        errors.add(path + ": must be an integer, not " + value);
                        return;
                    }
                }
                case "number" -> {
                    if (!value.isNumber()) {
                        errors.add(path + ": must be a number, not " + value);
                        return;
                    }
                }
                case "boolean" -> {
                    if (!value.isBoolean()) {
                        errors.add(path + ": must be a boolean, not " + value);
                        return;
                    }
                }
                default -> {
                }
            }
        }

        if (schema.has("enum")) {
            boolean found = false;
            for (JsonNode e : schema.get("enum")) {
                found |= e.equals(value) || e.isTextual() && value.isTextual() && e.asText().equals(value.asText());
            }
            if (!found) {
                errors.add(path + ": " + value + " is not one of " + schema.get("enum"));
            }
        }
        if (value.isTextual()) {
            String s = value.asText();
            if (schema.has("pattern")) {
                try {
                    if (!Pattern.compile(schema.get("pattern").asText()).matcher(s).find()) {
                        errors.add(path + ": '" + s + "' does not match " + schema.get("pattern").asText());
                    }
                } catch (PatternSyntaxException ignored) {
                    // an RE2 construct Java does not know: leave it to the API server
                }
            }
            if (schema.has("minLength") && s.codePointCount(0, s.length()) < schema.get("minLength").asInt()) {
                errors.add(path + ": shorter than " + schema.get("minLength").asInt());
            }
            if (schema.has("maxLength") && s.codePointCount(0, s.length()) > schema.get("maxLength").asInt()) {
                errors.add(path + ": longer than " + schema.get("maxLength").asInt());
            }
        }
        if (value.isNumber()) {
            if (schema.has("minimum") && value.asDouble() < schema.get("minimum").asDouble()) {
                errors.add(path + ": " + value + " is below the minimum " + schema.get("minimum"));
            }
            if (schema.has("maximum") && value.asDouble() > schema.get("maximum").asDouble()) {
                errors.add(path + ": " + value + " is above the maximum " + schema.get("maximum"));
            }
        }
        if (value.isArray()) {
            if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
                errors.add(path + ": fewer than " + schema.get("minItems").asInt() + " items");
            }
            if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
                errors.add(path + ": more than " + schema.get("maxItems").asInt() + " items");
            }
            if (schema.has("items")) {
                for (int i = 0; i < value.size(); i++) {
                    check(value.get(i), schema.get("items"), path + "[" + i + "]", errors, strict);
                }
            }
        }
        if (value.isObject()) {
            JsonNode properties = schema.path("properties");
            JsonNode additional = schema.get("additionalProperties");
            boolean preserve = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                String p = path + "." + f.getKey();
                if (properties.has(f.getKey())) {
                    check(f.getValue(), properties.get(f.getKey()), p, errors, strict);
                } else if (additional != null && additional.isObject()) {
                    check(f.getValue(), additional, p, errors, strict);
                } else if (strict && !preserve && !(additional != null && additional.asBoolean(false))
                        && "object".equals(type)) {
                    errors.add(p + ": unknown field");
                }
            }
            for (JsonNode req : schema.path("required")) {
                if (!value.has(req.asText())) {
                    errors.add(path + ": missing required field " + req.asText());
                }
            }
            if (schema.has("minProperties") && value.size() < schema.get("minProperties").asInt()) {
                errors.add(path + ": fewer than " + schema.get("minProperties").asInt() + " properties");
            }
            if (schema.has("maxProperties") && value.size() > schema.get("maxProperties").asInt()) {
                errors.add(path + ": more than " + schema.get("maxProperties").asInt() + " properties");
            }
        }
        if (schema.has("oneOf")) {
            int passing = countPassing(value, schema.get("oneOf"), path);
            if (passing != 1) {
                errors.add(path + ": must match exactly one of the oneOf alternatives (matches " + passing + ")");
            }
        }
        if (schema.has("anyOf") && !intOrString) {
            if (countPassing(value, schema.get("anyOf"), path) == 0) {
                errors.add(path + ": must match at least one of the anyOf alternatives");
            }
        }
        if (schema.has("not") && countPassing(value, List.of(schema.get("not")), path) == 1) {
            errors.add(path + ": must not match " + schema.get("not"));
        }
    }

    private static int countPassing(JsonNode value, Iterable<JsonNode> alternatives, String path) {
        int passing = 0;
        for (JsonNode alt : alternatives) {
            List<String> errs = new ArrayList<>();
            check(value, alt, path, errs, false);
            if (errs.isEmpty()) {
                passing++;
            }
        }
        return passing;
    }
}
