package vn.danvan.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules every rendered overlay keeps (issue 8): pinned images, probes, requests and limits,
 * non-root on a read-only root filesystem, no secret values in the manifests, and for every
 * Deployment an HPA, a PDB and a NetworkPolicy; plus consistency: every Secret or ConfigMap a pod
 * uses is rendered, created by an operator for a rendered object, or created by hand as
 * docs/deploy.md says; Services, HPAs and Ingress backends point at things that exist.
 */
public final class Policy {

    /** Secrets the province's operators create by hand (docs/deploy.md, step "Secrets"). */
    public static final Set<String> CREATED_BY_HAND = Set.of("keycloak-bootstrap-admin", "backup-s3-credentials");

    /** Deployments of our own Quarkus services (the others, Keycloak, have their own health paths). */
    public static final Set<String> QUARKUS_SERVICES = Set.of("unit-service", "plan-service", "reporting-service");

    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(password|passwd|secret|token|jaas|credential|private[_.-]?key|api[_.-]?key).*");

    private Policy() {
    }

    public static List<String> check(List<ObjectNode> objects) {
        List<String> v = new ArrayList<>();
        List<ObjectNode> deployments = ofKind(objects, "Deployment");
        for (ObjectNode o : objects) {
            String id = Kustomize.id(o);
            secretsInline(o, id, v);
            for (ObjectNode pod : Kustomize.podSpecs(o)) {
                workload(o, pod, id, v);
            }
            if ("Cluster".equals(o.path("kind").asText()) && o.path("apiVersion").asText().startsWith("postgresql.cnpg.io/")) {
                pinned(o.path("spec").path("imageName").asText(""), id + " imageName", v);
            }
        }
        for (ObjectNode d : deployments) {
            String name = d.path("metadata").path("name").asText();
            String id = Kustomize.id(d);
            JsonNode labels = d.path("spec").path("template").path("metadata").path("labels");
            if (ofKind(objects, "HorizontalPodAutoscaler").stream().noneMatch(h ->
                    "Deployment".equals(h.path("spec").path("scaleTargetRef").path("kind").asText())
                            && name.equals(h.path("spec").path("scaleTargetRef").path("name").asText()))) {
                v.add(id + ": no HorizontalPodAutoscaler scales it");
            }
            if (ofKind(objects, "PodDisruptionBudget").stream().noneMatch(p ->
                    selects(p.path("spec").path("selector"), labels))) {
                v.add(id + ": no PodDisruptionBudget selects its pods");
            }
            List<ObjectNode> policies = ofKind(objects, "NetworkPolicy").stream()
                    .filter(p -> selects(p.path("spec").path("podSelector"), labels)
                            && !p.path("spec").path("podSelector").path("matchLabels").isEmpty())
                    .toList();
            if (policies.isEmpty()) {
                v.add(id + ": no NetworkPolicy of its own selects its pods");
            } else if (policies.stream().noneMatch(p -> hasType(p, "Egress"))) {
                v.add(id + ": no NetworkPolicy restricts its egress");
            }
        }
        for (ObjectNode h : ofKind(objects, "HorizontalPodAutoscaler")) {
            JsonNode spec = h.path("spec");
            if (spec.path("minReplicas").asInt(1) > spec.path("maxReplicas").asInt()) {
                v.add(Kustomize.id(h) + ": minReplicas is above maxReplicas");
            }
            String target = spec.path("scaleTargetRef").path("name").asText();
            if (deployments.stream().noneMatch(d -> target.equals(d.path("metadata").path("name").asText()))) {
                v.add(Kustomize.id(h) + ": scales Deployment " + target + ", which is not rendered");
            }
        }
        references(objects, v);
        return v;
    }

    private static void workload(ObjectNode o, ObjectNode pod, String id, List<String> v) {
        boolean podNonRoot = pod.path("securityContext").path("runAsNonRoot").asBoolean(false);
        Set<String> tmpVolumes = new HashSet<>();
        for (JsonNode vol : pod.path("volumes")) {
            if (vol.has("emptyDir")) {
                tmpVolumes.add(vol.path("name").asText());
            }
        }
        for (JsonNode c : Kustomize.containers(pod)) {
            String cid = id + " container " + c.path("name").asText();
            pinned(c.path("image").asText(""), cid, v);
            JsonNode sc = c.path("securityContext");
            if (!podNonRoot && !sc.path("runAsNonRoot").asBoolean(false)) {
                v.add(cid + ": runAsNonRoot is not set");
            }
            if (sc.path("runAsUser").isInt() && sc.path("runAsUser").asInt() == 0
                    || pod.path("securityContext").path("runAsUser").isInt() && pod.path("securityContext").path("runAsUser").asInt() == 0) {
                v.add(cid + ": runs as uid 0");
            }
            if (!sc.path("readOnlyRootFilesystem").asBoolean(false)) {
                v.add(cid + ": readOnlyRootFilesystem is not set");
            } else if (!mounts(c, "/tmp", tmpVolumes)) {
                v.add(cid + ": a read-only root filesystem needs an emptyDir at /tmp");
            }
            if (sc.path("allowPrivilegeEscalation").asBoolean(true)) {
                v.add(cid + ": allowPrivilegeEscalation is not false");
            }
            if (sc.path("privileged").asBoolean(false)) {
                v.add(cid + ": privileged");
            }
            JsonNode res = c.path("resources");
            for (String kind : List.of("requests", "limits")) {
                for (String r : List.of("cpu", "memory")) {
                    if (res.path(kind).path(r).isMissingNode()) {
                        v.add(cid + ": resources." + kind + "." + r + " is missing");
                    }
                }
            }
            if ("Deployment".equals(o.path("kind").asText()) && !isInit(pod, c)) {
                for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                    if (!c.has(probe)) {
                        v.add(cid + ": " + probe + " is missing");
                    }
                }
                if (QUARKUS_SERVICES.contains(o.path("metadata").path("name").asText())) {
                    probePath(c, "startupProbe", "/q/health/started", cid, v);
                    probePath(c, "livenessProbe", "/q/health/live", cid, v);
                    probePath(c, "readinessProbe", "/q/health/ready", cid, v);
                }
            }
            for (JsonNode e : c.path("env")) {
                if (e.has("value") && SECRET_NAME.matcher(e.path("name").asText()).matches()
                        && !e.path("value").asText().isBlank()) {
                    v.add(cid + ": env " + e.path("name").asText() + " has an inline value; use a secretKeyRef");
                }
            }
        }
    }

    private static boolean isInit(JsonNode pod, JsonNode container) {
        for (JsonNode c : pod.path("initContainers")) {
            if (c == container) {
                return true;
            }
        }
        return false;
    }

    private static boolean mounts(JsonNode container, String path, Set<String> emptyDirs) {
        for (JsonNode m : container.path("volumeMounts")) {
            if (path.equals(m.path("mountPath").asText()) && emptyDirs.contains(m.path("name").asText())) {
                return true;
            }
        }
        return false;
    }

    private static void probePath(JsonNode c, String probe, String path, String cid, List<String> v) {
        if (c.has(probe) && !path.equals(c.path(probe).path("httpGet").path("path").asText())) {
            v.add(cid + ": " + probe + " must GET " + path);
        }
    }

    /** An image is pinned when it has a digest, or a tag other than latest. */
    static void pinned(String image, String where, List<String> v) {
        if (image.isEmpty()) {
            v.add(where + ": no image");
            return;
        }
        if (image.contains("@sha256:")) {
            return;
        }
        int colon = image.lastIndexOf(':');
        if (colon < 0 || colon < image.lastIndexOf('/')) {
            v.add(where + ": image " + image + " has no tag");
        } else if ("latest".equalsIgnoreCase(image.substring(colon + 1))) {
            v.add(where + ": image " + image + " uses the tag latest");
        }
    }

    private static void secretsInline(ObjectNode o, String id, List<String> v) {
        String kind = o.path("kind").asText();
        if ("Secret".equals(kind)) {
            for (String field : List.of("data", "stringData")) {
                if (o.path(field).size() > 0) {
                    v.add(id + ": a Secret with inline " + field + "; secrets are created by operators or by hand");
                }
            }
        }
        if ("ConfigMap".equals(kind)) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.path("data").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (SECRET_NAME.matcher(e.getKey()).matches() && !e.getValue().asText().isBlank()) {
                    v.add(id + ": key " + e.getKey() + " looks like a secret; put it in a Secret");
                }
            }
        }
    }

    private static void references(List<ObjectNode> objects, List<String> v) {
        Set<String> secrets = new HashSet<>(CREATED_BY_HAND);
        Set<String> configMaps = new HashSet<>();
        for (ObjectNode o : objects) {
            String name = o.path("metadata").path("name").asText();
            String kind = o.path("kind").asText();
            String group = o.path("apiVersion").asText();
            switch (kind) {
                case "Secret" -> secrets.add(name);
                case "ConfigMap" -> configMaps.add(name);
                default -> {
                }
            }
            if ("Cluster".equals(kind) && group.startsWith("postgresql.cnpg.io/")) {
                secrets.add(name + "-app");
            }
            if ("KafkaUser".equals(kind) && group.startsWith("kafka.strimzi.io/")) {
                secrets.add(name);
            }
            if ("Kafka".equals(kind) && group.startsWith("kafka.strimzi.io/")) {
                secrets.add(name + "-cluster-ca-cert");
                secrets.add(name + "-clients-ca-cert");
            }
        }
        for (ObjectNode o : objects) {
            String id = Kustomize.id(o);
            for (ObjectNode pod : Kustomize.podSpecs(o)) {
                for (JsonNode vol : pod.path("volumes")) {
                    need(secrets, vol.path("secret").path("secretName"), id, "Secret", v);
                    need(configMaps, vol.path("configMap").path("name"), id, "ConfigMap", v);
                }
                for (JsonNode c : Kustomize.containers(pod)) {
                    for (JsonNode e : c.path("envFrom")) {
                        need(secrets, e.path("secretRef").path("name"), id, "Secret", v);
                        need(configMaps, e.path("configMapRef").path("name"), id, "ConfigMap", v);
                    }
                    for (JsonNode e : c.path("env")) {
                        need(secrets, e.path("valueFrom").path("secretKeyRef").path("name"), id, "Secret", v);
                        need(configMaps, e.path("valueFrom").path("configMapKeyRef").path("name"), id, "ConfigMap", v);
                    }
                }
            }
            if ("Cluster".equals(o.path("kind").asText())) {
                JsonNode s3 = o.path("spec").path("backup").path("barmanObjectStore").path("s3Credentials");
                need(secrets, s3.path("accessKeyId").path("name"), id, "Secret", v);
                need(secrets, s3.path("secretAccessKey").path("name"), id, "Secret", v);
            }
            if ("Service".equals(o.path("kind").asText()) && o.path("spec").has("selector")) {
                JsonNode sel = o.path("spec").path("selector");
                boolean backed = ofKind(objects, "Deployment").stream().anyMatch(d ->
                        labelsContain(d.path("spec").path("template").path("metadata").path("labels"), sel));
                if (!backed) {
                    v.add(id + ": selects no Deployment's pods");
                }
            }
            if ("Ingress".equals(o.path("kind").asText())) {
                for (JsonNode rule : o.path("spec").path("rules")) {
                    for (JsonNode p : rule.path("http").path("paths")) {
                        String svc = p.path("backend").path("service").path("name").asText();
                        String port = p.path("backend").path("service").path("port").path("name").asText(null);
                        ObjectNode s = ofKind(objects, "Service").stream()
                                .filter(x -> svc.equals(x.path("metadata").path("name").asText())).findFirst().orElse(null);
                        if (s == null) {
                            v.add(id + ": path " + p.path("path").asText() + " goes to Service " + svc + ", which is not rendered");
                        } else if (port != null && !s.path("spec").path("ports").toString().contains("\"name\":\"" + port + "\"")) {
                            v.add(id + ": Service " + svc + " has no port named " + port);
                        }
                    }
                }
                boolean certManager = o.path("metadata").path("annotations").has("cert-manager.io/cluster-issuer")
                        || o.path("metadata").path("annotations").has("cert-manager.io/issuer");
                if (o.path("spec").path("tls").isEmpty()) {
                    v.add(id + ": no TLS");
                }
                for (JsonNode tls : o.path("spec").path("tls")) {
                    if (!certManager && !secrets.contains(tls.path("secretName").asText())) {
                        v.add(id + ": TLS Secret " + tls.path("secretName").asText() + " is neither rendered nor issued by cert-manager");
                    }
                }
            }
        }
    }

    private static void need(Set<String> known, JsonNode name, String id, String kind, List<String> v) {
        if (name.isTextual() && !known.contains(name.asText())) {
            v.add(id + ": uses " + kind + " " + name.asText() + ", which nothing creates");
        }
    }

    static boolean selects(JsonNode selector, JsonNode labels) {
        if (selector.isMissingNode() || selector.has("matchExpressions")) {
            return false;
        }
        return labelsContain(labels, selector.path("matchLabels"));
    }

    private static boolean labelsContain(JsonNode labels, JsonNode required) {
        for (Iterator<Map.Entry<String, JsonNode>> it = required.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().asText().equals(labels.path(e.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasType(JsonNode policy, String type) {
        for (JsonNode t : policy.path("spec").path("policyTypes")) {
            if (type.equals(t.asText())) {
                return true;
            }
        }
        return false;
    }

    static List<ObjectNode> ofKind(List<ObjectNode> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }
}
