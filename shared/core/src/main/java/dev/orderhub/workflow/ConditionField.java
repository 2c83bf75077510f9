package dev.orderhub.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.order.OrderStatus;
import dev.orderhub.risk.RiskLevel;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The fields a condition may compare, each with its kind (which decides the operators and the
 * value it takes). A field the subject lacks (an order never analyzed has no risk level) makes
 * its comparison false, whatever the operator: a workflow never acts on a guess.
 */
public enum ConditionField {
    RISK_LEVEL("risk.level", Kind.RISK, s -> s.risk() == null ? null : s.risk().level()),
    RISK_SCORE("risk.score", Kind.NUMBER, s -> s.risk() == null ? null : BigDecimal.valueOf(s.risk().score())),
    /** The amount in major units of the order's currency ("12.50"); combine with a currency condition. */
    AMOUNT("amount", Kind.NUMBER, s -> s.amount() == null ? null : new BigDecimal(s.amount().toDecimalString())),
    CURRENCY("currency", Kind.CURRENCY, s -> s.amount() == null ? null : s.amount().currency()),
    PROVIDER("provider", Kind.TEXT, Subject::provider),
    STATUS("status", Kind.STATUS, Subject::status),
    TAGS("tags", Kind.SET, Subject::tags),
    EMAIL_DOMAIN("buyer.emailDomain", Kind.TEXT, Subject::emailDomain),
    ITEMS("items", Kind.SET, Subject::items),
    FIRST_ORDER("isFirstOrder", Kind.BOOLEAN, s -> s.orderId() == null ? null : s.firstOrder());

    enum Kind {
        RISK(Set.of("eq", "ne", "in", "not_in", "gt", "gte", "lt", "lte")),
        NUMBER(Set.of("eq", "ne", "gt", "gte", "lt", "lte")),
        TEXT(Set.of("eq", "ne", "in", "not_in")),
        CURRENCY(Set.of("eq", "ne", "in", "not_in")),
        STATUS(Set.of("eq", "ne", "in", "not_in")),
        SET(Set.of("contains", "not_contains")),
        BOOLEAN(Set.of("eq"));

        final Set<String> ops;

        Kind(Set<String> ops) {
            this.ops = ops;
        }
    }

    private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Z]{3}");
    private final String wire;
    private final Kind kind;
    private final Function<Subject, Object> read;

    ConditionField(String wire, Kind kind, Function<Subject, Object> read) {
        this.wire = wire;
        this.kind = kind;
        this.read = read;
    }

    public String wire() {
        return wire;
    }

    public static ConditionField fromWire(String s) {
        for (ConditionField f : values()) {
            if (f.wire.equals(s)) {
                return f;
            }
        }
        return null;
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(ConditionField::wire).toList();
    }

    public List<String> ops() {
        return kind.ops.stream().sorted().toList();
    }

    /** Why this operator and value do not fit the field, or null when they do. */
    String problem(String op, JsonNode value) {
        if (!kind.ops.contains(op)) {
            return "operator " + op + " does not apply to " + wire + "; use one of " + ops();
        }
        boolean list = op.equals("in") || op.equals("not_in");
        if (list) {
            if (value == null || !value.isArray() || value.isEmpty()) {
                return "must be a non-empty list";
            }
            for (JsonNode v : value) {
                String p = scalarProblem(v);
                if (p != null) {
                    return p;
                }
            }
            return null;
        }
        return scalarProblem(value);
    }

    private String scalarProblem(JsonNode v) {
        if (v == null || v.isNull()) {
            return "is required";
        }
        return switch (kind) {
            case RISK -> v.isTextual() && RiskLevel.fromWire(v.asText()) != null ? null : "must be one of low, medium, high";
            case NUMBER -> v.isNumber() || (v.isTextual() && isDecimal(v.asText())) ? null : "must be a number";
            case CURRENCY -> v.isTextual() && CURRENCY_CODE.matcher(v.asText()).matches() ? null
                    : "must be a three-letter upper-case currency code";
            case STATUS -> v.isTextual() && isStatus(v.asText()) ? null : "must be one of "
                    + Arrays.stream(OrderStatus.values()).map(OrderStatus::wire).toList();
            case TEXT, SET -> v.isTextual() && !v.asText().isEmpty() && v.asText().length() <= 200 ? null
                    : "must be text of 1 to 200 characters";
            case BOOLEAN -> v.isBoolean() ? null : "must be true or false";
        };
    }

    /** Compares the subject's value; false when the subject has no value for the field. */
    boolean test(Subject s, String op, JsonNode value) {
        Object actual = read.apply(s);
        if (actual == null) {
            return false;
        }
        return switch (op) {
            case "eq" -> compare(actual, value) == 0;
            case "ne" -> compare(actual, value) != 0;
            case "gt" -> compare(actual, value) > 0;
            case "gte" -> compare(actual, value) >= 0;
            case "lt" -> compare(actual, value) < 0;
            case "lte" -> compare(actual, value) <= 0;
            case "in" -> anyEqual(actual, value);
            case "not_in" -> !anyEqual(actual, value);
            case "contains" -> contains((Collection<?>) actual, value.asText());
            case "not_contains" -> !contains((Collection<?>) actual, value.asText());
            default -> throw new IllegalStateException("validated operator " + op);
        };
    }

    /** The subject's value as text for a run's record of what held. */
    String describe(Subject s) {
        Object v = read.apply(s);
        if (v instanceof RiskLevel l) {
            return l.wire();
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof Collection<?> c) {
            return new ArrayList<>(c).toString();
        }
        return v == null ? "unknown" : String.valueOf(v);
    }

    private boolean anyEqual(Object actual, JsonNode values) {
        for (JsonNode v : values) {
            if (compare(actual, v) == 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(Collection<?> actual, String wanted) {
        return actual.stream().anyMatch(x -> String.valueOf(x).equalsIgnoreCase(wanted));
    }

    private int compare(Object actual, JsonNode value) {
        return switch (kind) {
            case RISK -> Integer.compare(((RiskLevel) actual).ordinal(), RiskLevel.fromWire(value.asText()).ordinal());
            case NUMBER -> ((BigDecimal) actual).compareTo(new BigDecimal(value.asText()));
            case BOOLEAN -> Boolean.compare((Boolean) actual, value.asBoolean());
            case TEXT -> ((String) actual).toLowerCase(Locale.ROOT).compareTo(value.asText().toLowerCase(Locale.ROOT));
            default -> ((String) actual).compareTo(value.asText());
        };
    }

    private static boolean isDecimal(String s) {
        try {
            new BigDecimal(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isStatus(String s) {
        return Arrays.stream(OrderStatus.values()).anyMatch(st -> st.wire().equals(s));
    }
}
