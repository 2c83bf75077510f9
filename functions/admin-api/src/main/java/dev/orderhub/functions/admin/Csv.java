package dev.orderhub.functions.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * CSV as RFC 4180 writes it: comma-separated, CRLF line ends, a field quoted when it holds a
 * comma, quote, CR or LF, quotes doubled. Text that a spreadsheet would run as a formula
 * (starting with =, +, -, @, tab or CR; buyers write names and messages) gets a leading
 * apostrophe, the usual defence against CSV injection; numbers are written as they are.
 */
final class Csv {
    private Csv() {}

    static String row(List<JsonNode> values) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(field(values.get(i)));
        }
        return out.append("\r\n").toString();
    }

    static String header(List<String> columns) {
        return String.join(",", columns) + "\r\n";
    }

    static String field(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "";
        }
        if (v.isNumber() || v.isBoolean()) {
            return v.asText();
        }
        String text = v.isTextual() ? v.asText() : v.toString();
        if (v.isTextual() && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
