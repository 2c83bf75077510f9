package dev.orderhub.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A buyer writes a name or message that a spreadsheet would run as a formula once the seller opens
 * the export. Spreadsheets in many locales split on semicolons or tabs rather than commas, so every
 * cell that any of these splits produces must be plain text.
 */
class CsvFormulaInjectionTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String FORMULA_STARTS = "=+-@\t\r";

    @Test
    void aFormulaAfterASemicolonIsQuotedAndDefused() {
        String row = Csv.row(List.of(F.textNode("Jo;=HYPERLINK(A1)"), F.textNode("ok")));
        assertNoCellIsAFormula(row, ';');
        assertNoCellIsAFormula(row, ',');
        assertThat(row).isEqualTo("\"Jo;'=HYPERLINK(A1)\",ok\r\n");
        String later = Csv.row(List.of(F.textNode("first"), F.textNode("Jo;=HYPERLINK(A1)")));
        assertNoCellIsAFormula(later, ';');
    }

    @Test
    void aFormulaAfterATabIsQuotedAndDefused() {
        String row = Csv.row(List.of(F.textNode("Jo\t=1+1"), F.textNode("x")));
        assertNoCellIsAFormula(row, '\t');
        assertNoCellIsAFormula(row, ',');
    }

    @Test
    void everyFormulaStartIsNeutralizedWhateverTheSeparator() {
        for (char c : FORMULA_STARTS.toCharArray()) {
            String row = Csv.row(List.of(F.textNode(c + "cmd|' /C calc'!A0"), F.textNode("a;" + c + "b"), F.textNode("a," + c + "b")));
            for (char sep : new char[] {',', ';', '\t'}) {
                assertNoCellIsAFormula(row, sep);
            }
        }
    }

    /** Splits one CSV row as a spreadsheet set to this separator does: quotes group, doubled quotes escape. */
    private static List<String> cells(String row, char separator) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        String line = row.endsWith("\r\n") ? row.substring(0, row.length() - 2) : row;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"' && cell.length() == 0) {
                quoted = true;
            } else if (ch == separator) {
                out.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        out.add(cell.toString());
        return out;
    }

    private static void assertNoCellIsAFormula(String row, char separator) {
        for (String cell : cells(row, separator)) {
            assertThat(cell.isEmpty() || FORMULA_STARTS.indexOf(cell.charAt(0)) < 0)
                    .as("cell <%s> of %s split on <%s>", cell, row, separator).isTrue();
        }
    }
}
