package vn.danvan.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/** RFC 6902 JSON Patch (add, remove, replace, move, copy, test) on Jackson trees. */
public final class JsonPatch {

    private JsonPatch() {
    }

    public static void apply(ObjectNode doc, ArrayNode ops, String where) {
        for (JsonNode op : ops) {
            String name = op.path("op").asText();
            String path = op.path("path").asText(null);
            if (path == null) {
                throw new Kustomize.KustomizeException(where + ": operation without path: " + op);
            }
            switch (name) {
                case "add" -> add(doc, path, value(op, where), where);
                case "remove" -> remove(doc, path, where);
                case "replace" -> {
                    remove(doc, path, where);
                    add(doc, path, value(op, where), where);
                }
                case "move" -> {
                    JsonNode v = get(doc, op.path("from").asText(), where);
                    remove(doc, op.path("from").asText(), where);
                    add(doc, path, v, where);
                }
                case "copy" -> add(doc, path, get(doc, op.path("from").asText(), where).deepCopy(), where);
                case "test" -> {
                    if (!get(doc, path, where).equals(value(op, where))) {
                        throw new Kustomize.KustomizeException(where + ": test failed at " + path);
                    }
                }
                default -> throw new Kustomize.KustomizeException(where + ": unknown operation " + name);
            }
        }
    }

    private static JsonNode value(JsonNode op, String where) {
        if (!op.has("value")) {
            throw new Kustomize.KustomizeException(where + ": operation without value: " + op);
        }
        return op.get("value").deepCopy();
    }

    static List<String> tokens(String pointer) {
        if (pointer.isEmpty()) {
            return List.of();
        }
        if (!pointer.startsWith("/")) {
            throw new Kustomize.KustomizeException("JSON pointer must start with '/': " + pointer);
        }
        List<String> out = new ArrayList<>();
        for (String t : pointer.substring(1).split("/", -1)) {
            out.add(t.replace("~1", "/").replace("~0", "~"));
        }
        return out;
    }

    private static JsonNode get(JsonNode doc, String pointer, String where) {
        JsonNode cur = doc;
        for (String t : tokens(pointer)) {
            cur = step(cur, t, pointer, where);
        }
        return cur;
    }

    private static JsonNode step(JsonNode cur, String token, String pointer, String where) {
        JsonNode next = null;
        if (cur.isObject()) {
            next = cur.get(token);
        } else if (cur.isArray() && token.matches("\\d+")) {
            next = cur.get(Integer.parseInt(token));
        }
        if (next == null) {
            throw new Kustomize.KustomizeException(where + ": path " + pointer + " does not exist");
        }
        return next;
    }

    private static void add(ObjectNode doc, String pointer, JsonNode value, String where) {
        List<String> t = tokens(pointer);
        if (t.isEmpty()) {
            throw new Kustomize.KustomizeException(where + ": cannot replace the whole document");
        }
        JsonNode parent = doc;
        for (String token : t.subList(0, t.size() - 1)) {
            parent = step(parent, token, pointer, where);
        }
        String last = t.get(t.size() - 1);
        if (parent instanceof ObjectNode o) {
            o.set(last, value);
        } else if (parent instanceof ArrayNode a) {
            if ("-".equals(last)) {
                a.add(value);
            } else if (last.matches("\\d+") && Integer.parseInt(last) <= a.size()) {
                a.insert(Integer.parseInt(last), value);
            } else {
                throw new Kustomize.KustomizeException(where + ": bad array index in " + pointer);
            }
        } else {
            throw new Kustomize.KustomizeException(where + ": " + pointer + " is not inside an object or array");
        }
    }

    private static void remove(ObjectNode doc, String pointer, String where) {
        List<String> t = tokens(pointer);
        if (t.isEmpty()) {
            throw new Kustomize.KustomizeException(where + ": cannot remove the whole document");
        }
        JsonNode parent = doc;
        for (String token : t.subList(0, t.size() - 1)) {
            parent = step(parent, token, pointer, where);
        }
        String last = t.get(t.size() - 1);
        step(parent, last, pointer, where);
        if (parent instanceof ObjectNode o) {
            o.remove(last);
        } else {
            ((ArrayNode) parent).remove(Integer.parseInt(last));
        }
    }
}
