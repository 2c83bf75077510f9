package dev.orderhub.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * CSV as RFC 4180 writes it: comma-separated, CRLF line ends, quotes doubled. A field is quoted
 * when it holds a comma, quote, CR or LF, and also a semicolon or tab: spreadsheets in many
 * locales split on those instead, and an unquoted {@code Jo;=HYPERLINK(…)} would become a cell
 * that starts with {@code =}. Text that a spreadsheet would run as a formula
 * (starting with =, +, -, @, tab or CR; buyers write names and messages) gets a leading
 * apostrophe, the usual defence against CSV injection, and so does such a start after a
 * separator inside the text; numbers are written as they are.
 */
public final class Csv {
    private static final String FORMULA_STARTS = "=+-@\t\r";
    /** What ends a cell in some spreadsheet's reading: the separators in use, quotes, line breaks. */
    private static final String CELL_BREAKS = ",;\t\"\r\n";

    private Csv() {}

    public static String row(List<JsonNode> values) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(field(values.get(i)));
        }
        return out.append("\r\n").toString();
    }

    public static String header(List<String> columns) {
        return String.join(",", columns) + "\r\n";
    }

    public static String field(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "";
        }
        if (v.isNumber() || v.isBoolean()) {
            return v.asText();
        }
        String text = v.isTextual() ? v.asText() : v.toString();
        if (v.isTextual()) {
            text = defuse(text);
        }
        return needsQuotes(text) ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    /**
     * An apostrophe before every formula start that could begin a cell: the field's first
     * character, and any right after a separator, quote or line break. A spreadsheet that splits
     * on another separator than ours ignores our quotes once a row has a field before this one,
     * so a quoted {@code "a;=1+1"} alone is not enough there.
     */
    private static String defuse(String text) {
        StringBuilder out = new StringBuilder(text.length() + 1);
        boolean cellStart = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (cellStart && FORMULA_STARTS.indexOf(c) >= 0) {
                out.append('\'');
            }
            out.append(c);
            cellStart = CELL_BREAKS.indexOf(c) >= 0;
        }
        return out.toString();
    }

    private static boolean needsQuotes(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (CELL_BREAKS.indexOf(text.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }
}
