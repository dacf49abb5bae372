package vn.danvan.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/** Every check on a rendered overlay: schemas (built-in or CRD), then policy. */
public final class OfflineCheck {

    private final CrdSchemas crds;

    public OfflineCheck(CrdSchemas crds) {
        this.crds = crds;
    }

    public static OfflineCheck withVendoredCrds() {
        return new OfflineCheck(CrdSchemas.vendored());
    }

    public List<String> schemaErrors(List<ObjectNode> objects) {
        List<String> errors = new ArrayList<>();
        for (JsonNode o : objects) {
            if (CoreSchemas.covers(o)) {
                errors.addAll(CoreSchemas.validate(o));
            } else if (crds.covers(o)) {
                errors.addAll(crds.validate(o));
            } else {
                errors.add(Kustomize.id(o) + ": no schema known for " + o.path("apiVersion").asText()
                        + " (add its CRD to src/main/resources/crds)");
            }
        }
        return errors;
    }

    public List<String> all(List<ObjectNode> objects) {
        List<String> errors = schemaErrors(objects);
        errors.addAll(Policy.check(objects));
        return errors;
    }
}
