package dev.orderhub.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** One step of a workflow: its type and its (validated) parameters as written. */
public record Action(ActionType type, ObjectNode params) {
    public String text(String name) {
        JsonNode v = params.get(name);
        return v == null || v.isNull() ? null : v.asText();
    }

    public boolean flag(String name, boolean fallback) {
        JsonNode v = params.get(name);
        return v == null || v.isNull() ? fallback : v.asBoolean();
    }

    public List<String> list(String name) {
        List<String> out = new ArrayList<>();
        JsonNode v = params.get(name);
        if (v != null) {
            v.forEach(x -> out.add(x.asText()));
        }
        return out;
    }

    public JsonNode node(String name) {
        return params.get(name);
    }
}
