package dev.orderhub.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A workflow's condition tree: {@code {"all": [...]}}, {@code {"any": [...]}}, {@code {"not": {...}}}
 * and comparisons {@code {"field": "risk.level", "op": "eq", "value": "high"}}. See
 * {@link ConditionField} for the fields and the operators each allows.
 */
public sealed interface Condition {
    record All(List<Condition> conditions) implements Condition {}

    record Any(List<Condition> conditions) implements Condition {}

    record Not(Condition condition) implements Condition {}

    record Compare(ConditionField field, String op, JsonNode value) implements Condition {}
}
