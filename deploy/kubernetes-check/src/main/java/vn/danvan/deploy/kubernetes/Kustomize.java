package vn.danvan.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * A small kustomize: the subset of kustomize v5 that deploy/kubernetes uses, and nothing else.
 * No kustomize binary installs from Maven Central or npm, so the check renders with this; a
 * field it does not implement fails the build instead of being ignored.
 *
 * <p>Supported: {@code resources} (files and directories), {@code namespace}, {@code labels}
 * (with {@code includeTemplates}; not {@code includeSelectors}), {@code commonAnnotations},
 * {@code images}, {@code patches} (strategic merge or JSON 6902, inline or from a file, with or
 * without a target selector, {@code $patch: delete}), {@code configMapGenerator} (literals,
 * files, envs; behaviors create/merge/replace; the content hash suffix and the rewrite of
 * references to it), {@code generatorOptions.disableNameSuffixHash}.
 * Transformers run in kustomize's order: patches, namespace, labels, annotations, images.
 */
public final class Kustomize {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private static final Set<String> SUPPORTED_FIELDS = Set.of("apiVersion", "kind", "resources", "namespace",
            "labels", "commonAnnotations", "images", "patches", "configMapGenerator", "generatorOptions");

    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PersistentVolume", "StorageClass", "PriorityClass", "IngressClass",
            "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "ClusterIssuer");

    private static final Set<String> WORKLOADS_WITH_TEMPLATE = Set.of("Deployment", "StatefulSet", "DaemonSet",
            "ReplicaSet", "Job");

    /** List fields of built-in kinds that strategic merge patches merge by a key instead of replacing. */
    private static final Map<String, String> MERGE_KEYS = Map.of(
            "containers", "name", "initContainers", "name", "ephemeralContainers", "name",
            "env", "name", "volumes", "name", "volumeMounts", "mountPath",
            "imagePullSecrets", "name", "envFrom", "", "ports", "");

    /** A rendered object, with the name it had before any generator hash was appended. */
    private static final class Res {
        final ObjectNode obj;
        final String originalName;
        boolean hashSuffix;

        Res(ObjectNode obj, boolean hashSuffix) {
            this.obj = obj;
            this.originalName = obj.path("metadata").path("name").asText();
            this.hashSuffix = hashSuffix;
        }
    }

    private Kustomize() {
    }

    /** Renders the kustomization in {@code dir} as {@code kustomize build dir} would. */
    public static List<ObjectNode> build(Path dir) {
        List<Res> resources = buildDir(dir.toAbsolutePath().normalize());
        Map<String, String> renamed = new LinkedHashMap<>();
        for (Res r : resources) {
            if (r.hashSuffix) {
                String name = r.originalName + "-" + configMapHash(r.obj, r.originalName);
                ((ObjectNode) r.obj.get("metadata")).put("name", name);
                renamed.put(namespaceOf(r.obj) + "/" + r.originalName, name);
            }
        }
        List<ObjectNode> out = new ArrayList<>();
        for (Res r : resources) {
            rewriteConfigMapReferences(r.obj, renamed);
            out.add(r.obj);
        }
        return out;
    }

    private static List<Res> buildDir(Path dir) {
        Path file = dir.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw new KustomizeException("no kustomization.yaml in " + dir);
        }
        JsonNode k = Yaml.readOne(read(file));
        if (!k.isObject()) {
            throw new KustomizeException(file + ": not a mapping");
        }
        k.fieldNames().forEachRemaining(f -> {
            if (!SUPPORTED_FIELDS.contains(f)) {
                throw new KustomizeException(file + ": field '" + f + "' is not supported by this renderer");
            }
        });
        if (!"Kustomization".equals(k.path("kind").asText("Kustomization"))) {
            throw new KustomizeException(file + ": kind must be Kustomization");
        }

        List<Res> list = new ArrayList<>();
        for (JsonNode entry : k.path("resources")) {
            String ref = entry.asText();
            if (ref.contains("://") || ref.startsWith("github.com/")) {
                throw new KustomizeException(file + ": remote resource " + ref + " is not allowed");
            }
            Path p = dir.resolve(ref).normalize();
            if (Files.isDirectory(p)) {
                list.addAll(buildDir(p));
            } else if (Files.isRegularFile(p)) {
                for (JsonNode doc : Yaml.readAll(p)) {
                    if (!doc.isObject() || !doc.hasNonNull("kind") || !doc.path("metadata").hasNonNull("name")) {
                        throw new KustomizeException(p + ": every document needs kind and metadata.name");
                    }
                    add(list, new Res((ObjectNode) doc, false), p.toString());
                }
            } else {
                throw new KustomizeException(file + ": resource " + ref + " does not exist");
            }
        }

        k.path("generatorOptions").fieldNames().forEachRemaining(f -> {
            if (!"disableNameSuffixHash".equals(f)) {
                throw new KustomizeException(file + ": generatorOptions." + f + " is not supported by this renderer");
            }
        });
        boolean hashByDefault = !k.path("generatorOptions").path("disableNameSuffixHash").asBoolean(false);
        for (JsonNode gen : k.path("configMapGenerator")) {
            generateConfigMap(dir, file, gen, hashByDefault, list);
        }

        for (JsonNode patch : k.path("patches")) {
            applyPatch(dir, file, patch, list);
        }
        if (k.hasNonNull("namespace")) {
            String ns = k.get("namespace").asText();
            for (Res r : list) {
                if (!CLUSTER_SCOPED.contains(r.obj.path("kind").asText())) {
                    metadata(r.obj).put("namespace", ns);
                }
            }
        }
        for (JsonNode label : k.path("labels")) {
            if (label.path("includeSelectors").asBoolean(false)) {
                throw new KustomizeException(file + ": labels.includeSelectors is not supported by this renderer");
            }
            boolean templates = label.path("includeTemplates").asBoolean(false);
            for (Res r : list) {
                putAll(child(metadata(r.obj), "labels"), label.path("pairs"));
                if (templates && WORKLOADS_WITH_TEMPLATE.contains(r.obj.path("kind").asText())
                        && r.obj.path("spec").path("template").isObject()) {
                    putAll(child(child((ObjectNode) r.obj.path("spec").path("template"), "metadata"), "labels"),
                            label.path("pairs"));
                }
            }
        }
        if (k.has("commonAnnotations")) {
            for (Res r : list) {
                putAll(child(metadata(r.obj), "annotations"), k.get("commonAnnotations"));
            }
        }
        for (JsonNode image : k.path("images")) {
            for (Res r : list) {
                setImages(r.obj, image);
            }
        }
        return list;
    }

    // ---------------------------------------------------------------- generators

    private static void generateConfigMap(Path dir, Path file, JsonNode gen, boolean hashByDefault, List<Res> list) {
        String name = gen.path("name").asText(null);
        if (name == null) {
            throw new KustomizeException(file + ": configMapGenerator entry without name");
        }
        for (Iterator<String> it = gen.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!Set.of("name", "namespace", "behavior", "literals", "files", "envs", "options").contains(f)) {
                throw new KustomizeException(file + ": configMapGenerator." + f + " is not supported");
            }
        }
        Map<String, String> data = new TreeMap<>();
        for (JsonNode lit : gen.path("literals")) {
            String s = lit.asText();
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new KustomizeException(file + ": literal '" + s + "' is not KEY=VALUE");
            }
            putUnique(data, s.substring(0, eq), unquote(s.substring(eq + 1)), file);
        }
        for (JsonNode f : gen.path("files")) {
            String s = f.asText();
            int eq = s.indexOf('=');
            String key = eq > 0 ? s.substring(0, eq) : Path.of(s).getFileName().toString();
            Path p = dir.resolve(eq > 0 ? s.substring(eq + 1) : s).normalize();
            putUnique(data, key, read(p), file);
        }
        for (JsonNode e : gen.path("envs")) {
            for (String line : read(dir.resolve(e.asText()).normalize()).split("\n")) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                int eq = l.indexOf('=');
                if (eq <= 0) {
                    throw new KustomizeException(file + ": env line '" + l + "' is not KEY=VALUE");
                }
                putUnique(data, l.substring(0, eq), l.substring(eq + 1), file);
            }
        }
        JsonNode options = gen.path("options");
        boolean hash = !options.path("disableNameSuffixHash").asBoolean(!hashByDefault);
        String behavior = gen.path("behavior").asText("create");
        Res existing = null;
        for (Res r : list) {
            if ("ConfigMap".equals(r.obj.path("kind").asText()) && name.equals(r.originalName)) {
                existing = r;
            }
        }
        switch (behavior) {
            case "create" -> {
                if (existing != null) {
                    throw new KustomizeException(file + ": ConfigMap " + name + " already exists (use behavior merge or replace)");
                }
                ObjectNode cm = F.objectNode();
                cm.put("apiVersion", "v1");
                cm.put("kind", "ConfigMap");
                ObjectNode md = cm.putObject("metadata");
                md.put("name", name);
                if (gen.hasNonNull("namespace")) {
                    md.put("namespace", gen.get("namespace").asText());
                }
                putAll(child(md, "labels"), options.path("labels"));
                putAll(child(md, "annotations"), options.path("annotations"));
                if (md.get("labels").isEmpty()) {
                    md.remove("labels");
                }
                if (md.get("annotations").isEmpty()) {
                    md.remove("annotations");
                }
                ObjectNode d = cm.putObject("data");
                data.forEach(d::put);
                list.add(new Res(cm, hash));
            }
            case "merge", "replace" -> {
                if (existing == null) {
                    throw new KustomizeException(file + ": no ConfigMap " + name + " to " + behavior);
                }
                ObjectNode d = "replace".equals(behavior) ? existing.obj.putObject("data") : child(existing.obj, "data");
                data.forEach(d::put);
                putAll(child(metadata(existing.obj), "labels"), options.path("labels"));
                existing.hashSuffix = existing.hashSuffix && hash;
            }
            default -> throw new KustomizeException(file + ": unknown behavior " + behavior);
        }
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }

    private static void putUnique(Map<String, String> data, String key, String value, Path file) {
        if (data.put(key, value) != null) {
            throw new KustomizeException(file + ": key " + key + " given twice");
        }
    }

    /**
     * kustomize's content hash: sha256 of the JSON of {data, kind, name} (Go's encoding: keys
     * sorted, &lt; &gt; &amp; escaped), first 10 hex digits with 0,1,3,a,e mapped to g,h,k,m,t.
     */
    static String configMapHash(ObjectNode cm, String name) {
        StringBuilder json = new StringBuilder("{");
        Map<String, String> data = new TreeMap<>();
        cm.path("data").fields().forEachRemaining(e -> data.put(e.getKey(), e.getValue().asText()));
        json.append("\"data\":{");
        boolean first = true;
        for (Map.Entry<String, String> e : data.entrySet()) {
            json.append(first ? "" : ",").append(goString(e.getKey())).append(':').append(goString(e.getValue()));
            first = false;
        }
        json.append("},\"kind\":\"ConfigMap\",\"name\":").append(goString(name)).append('}');
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.toString().getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < 5; i++) {
                hex.append(String.format("%02x", digest[i]));
            }
            StringBuilder enc = new StringBuilder();
            for (char c : hex.toString().toCharArray()) {
                enc.append(switch (c) {
                    case '0' -> 'g';
                    case '1' -> 'h';
                    case '3' -> 'k';
                    case 'a' -> 'm';
                    case 'e' -> 't';
                    default -> c;
                });
            }
            return enc.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String goString(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '<', '>', '&', '\u2028', '\u2029' -> b.append(String.format("\\u%04x", (int) c));
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static void rewriteConfigMapReferences(ObjectNode obj, Map<String, String> renamed) {
        if (renamed.isEmpty()) {
            return;
        }
        String ns = namespaceOf(obj);
        Consumer<JsonNode> rename = ref -> {
            if (ref instanceof ObjectNode o && o.hasNonNull("name")) {
                String to = renamed.get(ns + "/" + o.get("name").asText());
                if (to != null) {
                    o.put("name", to);
                }
            }
        };
        for (ObjectNode podSpec : podSpecs(obj)) {
            for (JsonNode v : podSpec.path("volumes")) {
                rename.accept(v.path("configMap"));
                for (JsonNode src : v.path("projected").path("sources")) {
                    rename.accept(src.path("configMap"));
                }
            }
            for (JsonNode c : containers(podSpec)) {
                for (JsonNode e : c.path("envFrom")) {
                    rename.accept(e.path("configMapRef"));
                }
                for (JsonNode e : c.path("env")) {
                    rename.accept(e.path("valueFrom").path("configMapKeyRef"));
                }
            }
        }
    }

    // ---------------------------------------------------------------- patches

    private static void applyPatch(Path dir, Path file, JsonNode entry, List<Res> list) {
        String text;
        if (entry.hasNonNull("path")) {
            text = read(dir.resolve(entry.get("path").asText()).normalize());
        } else if (entry.hasNonNull("patch")) {
            text = entry.get("patch").asText();
        } else {
            throw new KustomizeException(file + ": a patch needs path or patch");
        }
        JsonNode patch = Yaml.readOne(text);
        JsonNode target = entry.path("target");
        if (patch.isArray()) {
            if (target.isMissingNode()) {
                throw new KustomizeException(file + ": a JSON 6902 patch needs a target");
            }
            List<Res> matched = select(list, target, file);
            for (Res r : matched) {
                JsonPatch.apply(r.obj, (ArrayNode) patch, file + " on " + id(r.obj));
            }
            return;
        }
        if (!patch.isObject()) {
            throw new KustomizeException(file + ": a patch must be a mapping or a list of operations");
        }
        List<Res> matched;
        if (target.isMissingNode()) {
            ObjectNode self = F.objectNode();
            self.put("kind", patch.path("kind").asText());
            self.put("name", patch.path("metadata").path("name").asText());
            String apiVersion = patch.path("apiVersion").asText("");
            int slash = apiVersion.indexOf('/');
            if (slash > 0) {
                self.put("group", apiVersion.substring(0, slash));
            }
            matched = select(list, self, file);
        } else {
            matched = select(list, target, file);
        }
        boolean delete = "delete".equals(patch.path("$patch").asText());
        for (Res r : matched) {
            if (delete) {
                list.remove(r);
            } else {
                ObjectNode body = patch.deepCopy();
                body.remove("apiVersion");
                body.remove("kind");
                if (body.path("metadata") instanceof ObjectNode md) {
                    md.remove("name");
                    md.remove("namespace");
                }
                strategicMerge(r.obj, body, isBuiltIn(r.obj));
            }
        }
    }

    private static List<Res> select(List<Res> list, JsonNode target, Path file) {
        for (Iterator<String> it = target.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!Set.of("group", "version", "kind", "name", "namespace").contains(f)) {
                throw new KustomizeException(file + ": patch target field '" + f + "' is not supported");
            }
        }
        List<Res> matched = new ArrayList<>();
        for (Res r : list) {
            String apiVersion = r.obj.path("apiVersion").asText();
            int slash = apiVersion.indexOf('/');
            String group = slash > 0 ? apiVersion.substring(0, slash) : "";
            String version = slash > 0 ? apiVersion.substring(slash + 1) : apiVersion;
            if (matches(target, "group", group) && matches(target, "version", version)
                    && matches(target, "kind", r.obj.path("kind").asText())
                    && matches(target, "name", r.originalName)
                    && matches(target, "namespace", r.obj.path("metadata").path("namespace").asText(""))) {
                matched.add(r);
            }
        }
        if (matched.isEmpty()) {
            // kustomize ignores a selector that matches nothing; a typo should not pass silently here.
            throw new KustomizeException(file + ": patch target " + target + " matches no resource");
        }
        return matched;
    }

    private static boolean matches(JsonNode target, String field, String value) {
        if (!target.hasNonNull(field) || target.get(field).asText().isEmpty()) {
            return true;
        }
        return Pattern.compile(target.get(field).asText()).matcher(value).matches();
    }

    private static boolean isBuiltIn(JsonNode obj) {
        String apiVersion = obj.path("apiVersion").asText();
        return !apiVersion.contains("/") || !apiVersion.substring(0, apiVersion.indexOf('/')).contains(".")
                || apiVersion.substring(0, apiVersion.indexOf('/')).endsWith(".k8s.io");
    }

    /** Strategic merge: maps merge, null deletes, keyed lists of built-in kinds merge by key, others replace. */
    static void strategicMerge(ObjectNode into, JsonNode patch, boolean builtIn) {
        patch.fields().forEachRemaining(e -> {
            String key = e.getKey();
            JsonNode value = e.getValue();
            JsonNode current = into.get(key);
            if (value.isNull()) {
                into.remove(key);
            } else if (value.isObject() && current instanceof ObjectNode cur) {
                strategicMerge(cur, value, builtIn);
            } else if (value.isArray() && current instanceof ArrayNode cur && builtIn
                    && MERGE_KEYS.containsKey(key) && !MERGE_KEYS.get(key).isEmpty()) {
                String mergeKey = MERGE_KEYS.get(key);
                for (JsonNode item : value) {
                    ObjectNode same = null;
                    for (JsonNode c : cur) {
                        if (c.path(mergeKey).equals(item.path(mergeKey))) {
                            same = (ObjectNode) c;
                        }
                    }
                    if ("delete".equals(item.path("$patch").asText())) {
                        for (int i = 0; i < cur.size(); i++) {
                            if (cur.get(i) == same) {
                                cur.remove(i);
                            }
                        }
                    } else if (same != null) {
                        strategicMerge(same, item, builtIn);
                    } else {
                        cur.add(item.deepCopy());
                    }
                }
            } else {
                into.set(key, value.deepCopy());
            }
        });
    }

    // ---------------------------------------------------------------- images

    private static void setImages(JsonNode node, JsonNode image) {
        if (node.isObject()) {
            for (String field : List.of("containers", "initContainers")) {
                for (JsonNode c : node.path(field)) {
                    if (c instanceof ObjectNode container && container.path("image").isTextual()) {
                        container.put("image", retag(container.get("image").asText(), image));
                    }
                }
            }
            node.forEach(child -> setImages(child, image));
        } else if (node.isArray()) {
            node.forEach(child -> setImages(child, image));
        }
    }

    static String retag(String ref, JsonNode image) {
        String name = ref;
        String tag = null;
        String digest = null;
        int at = name.indexOf('@');
        if (at >= 0) {
            digest = name.substring(at + 1);
            name = name.substring(0, at);
        }
        int colon = name.lastIndexOf(':');
        if (colon > name.lastIndexOf('/')) {
            tag = name.substring(colon + 1);
            name = name.substring(0, colon);
        }
        if (!name.equals(image.path("name").asText())) {
            return ref;
        }
        if (image.hasNonNull("newName")) {
            name = image.get("newName").asText();
        }
        if (image.hasNonNull("digest")) {
            return name + "@" + image.get("digest").asText();
        }
        if (image.hasNonNull("newTag")) {
            return name + ":" + image.get("newTag").asText();
        }
        return name + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
    }

    // ---------------------------------------------------------------- helpers

    /** The pod specs of a workload (or Pod) object. */
    public static List<ObjectNode> podSpecs(JsonNode obj) {
        List<ObjectNode> specs = new ArrayList<>();
        String kind = obj.path("kind").asText();
        JsonNode spec = switch (kind) {
            case "Pod" -> obj.path("spec");
            case "CronJob" -> obj.path("spec").path("jobTemplate").path("spec").path("template").path("spec");
            default -> obj.path("spec").path("template").path("spec");
        };
        if (spec instanceof ObjectNode o && (o.has("containers") || "Pod".equals(kind))) {
            specs.add(o);
        }
        return specs;
    }

    public static List<JsonNode> containers(JsonNode podSpec) {
        List<JsonNode> all = new ArrayList<>();
        podSpec.path("initContainers").forEach(all::add);
        podSpec.path("containers").forEach(all::add);
        return all;
    }

    public static String id(JsonNode obj) {
        return obj.path("kind").asText() + "/" + obj.path("metadata").path("name").asText();
    }

    private static String namespaceOf(JsonNode obj) {
        return obj.path("metadata").path("namespace").asText("");
    }

    private static void add(List<Res> list, Res r, String where) {
        for (Res other : list) {
            if (other.obj.path("kind").equals(r.obj.path("kind")) && other.originalName.equals(r.originalName)
                    && namespaceOf(other.obj).equals(namespaceOf(r.obj))) {
                throw new KustomizeException(where + ": " + id(r.obj) + " is defined twice");
            }
        }
        list.add(r);
    }

    private static ObjectNode metadata(ObjectNode obj) {
        return child(obj, "metadata");
    }

    private static ObjectNode child(ObjectNode parent, String field) {
        JsonNode c = parent.get(field);
        if (c instanceof ObjectNode o) {
            return o;
        }
        return parent.putObject(field);
    }

    private static void putAll(ObjectNode into, JsonNode pairs) {
        pairs.fields().forEachRemaining(e -> into.put(e.getKey(), e.getValue().asText()));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }

    /** The kustomization cannot be rendered. */
    public static final class KustomizeException extends RuntimeException {
        public KustomizeException(String message) {
            super(message);
        }
    }
}
