package dev.orderhub.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.orderhub.json.Json;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    @Test
    void quotesOnlyWhatNeedsItAndDoublesQuotes() {
        List<JsonNode> row = Arrays.asList(F.textNode("plain"), F.textNode("a,b"), F.textNode("say \"hi\""),
                F.textNode("two\nlines"), F.textNode("cr\rhere"), F.numberNode(-1500), F.booleanNode(true), null, F.nullNode());
        assertThat(Csv.row(row)).isEqualTo("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\",-1500,true,,\r\n");
    }

    @Test
    void objectsAreWrittenAsJsonInOneField() {
        assertThat(Csv.field(Json.parse("{\"plan\":\"gold\",\"n\":1}"))).isEqualTo("\"{\"\"plan\"\":\"\"gold\"\",\"\"n\"\":1}\"");
        assertThat(Csv.field(Json.parse("[]"))).isEqualTo("[]");
    }

    @Test
    void textAspreadsheetWouldRunAsAFormulaIsDefused() {
        assertThat(Csv.field(F.textNode("=HYPERLINK(\"http://evil\")"))).isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\")\"");
        assertThat(Csv.field(F.textNode("+1"))).isEqualTo("'+1");
        assertThat(Csv.field(F.textNode("@sum"))).isEqualTo("'@sum");
        assertThat(Csv.field(F.numberNode(-5))).as("numbers are data, not formulas").isEqualTo("-5");
    }

    @Test
    void unicodeIsKept() {
        assertThat(Csv.field(F.textNode("커피 한 잔 ☕"))).isEqualTo("커피 한 잔 ☕");
    }
}
