package dev.orderhub.functions.admin;

import dev.orderhub.http.ApiError;
import dev.orderhub.http.HttpRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.TreeSet;

/** Reading and validating query-string parameters, with errors that name the parameter. */
final class AdminQuery {
    private AdminQuery() {}

    /** 400 naming the first parameter not in {@code allowed}: a misspelt filter must not silently match everything. */
    static void only(HttpRequest request, Set<String> allowed) {
        for (String name : new TreeSet<>(request.queryParameters().keySet())) {
            if (!allowed.contains(name)) {
                throw ApiError.invalid(name, "unknown parameter " + name + "; allowed: " + new TreeSet<>(allowed));
            }
        }
    }

    /** A text parameter of at most {@code max} characters; null when absent. */
    static String text(HttpRequest request, String name, int max) {
        String v = request.query(name);
        if (v == null) {
            return null;
        }
        if (v.isBlank() || v.length() > max) {
            throw ApiError.invalid(name, name + " must be 1 to " + max + " characters");
        }
        return v;
    }

    static int integer(HttpRequest request, String name, int min, int max, int fallback) {
        String v = request.query(name);
        if (v == null) {
            return fallback;
        }
        try {
            if (v.length() <= 10) {
                int n = Integer.parseInt(v);
                if (n >= min && n <= max) {
                    return n;
                }
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiError.invalid(name, name + " must be a whole number from " + min + " to " + max);
    }

    static Long minorUnits(HttpRequest request, String name) {
        String v = request.query(name);
        if (v == null) {
            return null;
        }
        if (!v.matches("[0-9]{1,15}")) {
            throw ApiError.invalid(name, name + " must be a whole number of minor units (0 to 15 digits)");
        }
        return Long.parseLong(v);
    }

    static Boolean bool(HttpRequest request, String name) {
        String v = request.query(name);
        if (v == null) {
            return null;
        }
        return switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiError.invalid(name, name + " must be true or false");
        };
    }

    static String currency(HttpRequest request, String name) {
        String v = request.query(name);
        if (v != null && !v.matches("[A-Z]{3}")) {
            throw ApiError.invalid(name, name + " must be an ISO 4217 code such as EUR");
        }
        return v;
    }

    /** One of the allowed lower-case values; {@code fallback} when absent. */
    static String choice(HttpRequest request, String name, Set<String> allowed, String fallback) {
        String v = request.query(name);
        if (v == null) {
            return fallback;
        }
        if (!allowed.contains(v)) {
            throw ApiError.invalid(name, name + " must be one of " + new TreeSet<>(allowed));
        }
        return v;
    }

    /**
     * An instant given as a date ({@code 2025-03-01}, meaning its start in UTC) or an ISO-8601
     * instant ({@code 2025-03-01T12:00:00Z}); null when absent.
     */
    static Instant instant(HttpRequest request, String name) {
        String v = request.query(name);
        if (v == null) {
            return null;
        }
        try {
            if (v.length() == 10) {
                return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (v.length() <= 40) {
                return Instant.parse(v);
            }
        } catch (DateTimeParseException e) {
            // refused below
        }
        throw ApiError.invalid(name, name + " must be a date (2025-03-01) or an ISO-8601 instant (2025-03-01T12:00:00Z)");
    }
}
