package vn.danvan.deploy.kubernetes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.kubernetes.client.openapi.JSON;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Built-in Kubernetes objects against the Kubernetes OpenAPI schema, through the models that
 * {@code io.kubernetes:client-java-api} generates from it: {@code validateJsonElement} rejects
 * unknown fields (at every depth) and missing required fields, and deserialising rejects values
 * of the wrong type (a word where a number belongs, a malformed quantity).
 */
public final class CoreSchemas {

    /** apiVersion of each built-in kind this project may use; anything else has no schema here. */
    private static final Map<String, String> API_VERSIONS = Map.ofEntries(
            Map.entry("Namespace", "v1"), Map.entry("ConfigMap", "v1"), Map.entry("Secret", "v1"),
            Map.entry("Service", "v1"), Map.entry("ServiceAccount", "v1"),
            Map.entry("PersistentVolumeClaim", "v1"),
            Map.entry("Deployment", "apps/v1"), Map.entry("StatefulSet", "apps/v1"),
            Map.entry("DaemonSet", "apps/v1"), Map.entry("Job", "batch/v1"), Map.entry("CronJob", "batch/v1"),
            Map.entry("HorizontalPodAutoscaler", "autoscaling/v2"),
            Map.entry("PodDisruptionBudget", "policy/v1"),
            Map.entry("NetworkPolicy", "networking.k8s.io/v1"), Map.entry("Ingress", "networking.k8s.io/v1"),
            Map.entry("Role", "rbac.authorization.k8s.io/v1"),
            Map.entry("RoleBinding", "rbac.authorization.k8s.io/v1"));

    private static final JSON GSON = new JSON();

    private CoreSchemas() {
    }

    /** Whether this apiVersion/kind is a built-in kind this class can check. */
    public static boolean covers(JsonNode obj) {
        return obj.path("apiVersion").asText().equals(API_VERSIONS.get(obj.path("kind").asText()));
    }

    /** The problems found; empty when the object is valid. */
    public static List<String> validate(JsonNode obj) {
        String id = Kustomize.id(obj);
        Optional<Class<?>> model = modelClass(obj);
        if (model.isEmpty()) {
            return List.of(id + ": no Kubernetes schema for " + obj.path("apiVersion").asText() + " "
                    + obj.path("kind").asText());
        }
        return validate(id, obj, model.get());
    }

    /** Validates any JSON value against one model class (used for the metadata of custom resources). */
    public static List<String> validate(String id, JsonNode node, Class<?> model) {
        String json;
        try {
            json = Yaml.JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            return List.of(id + ": " + e.getMessage());
        }
        JsonElement element = JsonParser.parseString(json);
        try {
            Method validate = model.getMethod("validateJsonElement", JsonElement.class);
            validate.invoke(null, element);
            GSON.getGson().fromJson(element, model);
            return List.of();
        } catch (InvocationTargetException e) {
            return List.of(id + ": " + e.getCause().getMessage());
        } catch (ReflectiveOperationException e) {
            return List.of(id + ": cannot validate with " + model.getName() + ": " + e);
        } catch (RuntimeException e) {
            return List.of(id + ": " + e.getMessage());
        }
    }

    private static Optional<Class<?>> modelClass(JsonNode obj) {
        String kind = obj.path("kind").asText();
        String apiVersion = obj.path("apiVersion").asText();
        if (!apiVersion.equals(API_VERSIONS.get(kind))) {
            return Optional.empty();
        }
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        String prefix = Character.toUpperCase(version.charAt(0)) + version.substring(1);
        try {
            return Optional.of(Class.forName("io.kubernetes.client.openapi.models." + prefix + kind));
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }
}
