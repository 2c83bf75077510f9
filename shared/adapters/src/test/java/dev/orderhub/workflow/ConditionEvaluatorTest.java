package dev.orderhub.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.http.outbound.HostResolver;
import dev.orderhub.http.outbound.OutboundAddresses;
import dev.orderhub.json.Json;
import dev.orderhub.risk.RiskLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionEvaluatorTest {
    private static Condition condition(String json) {
        ObjectNodeHolder h = new ObjectNodeHolder(json);
        return WorkflowParser.parse(h.workflow(), "wf_x", 1, "t", OutboundAddresses.publicOnly(HostResolver.SYSTEM)).condition();
    }

    /** A minimal valid workflow around a condition. */
    private record ObjectNodeHolder(String condition) {
        JsonNode workflow() {
            return Json.parse("{\"name\":\"t\",\"trigger\":\"order.risk_analyzed\",\"condition\":" + condition
                    + ",\"actions\":[{\"type\":\"capture_payment\"}]}");
        }
    }

    private static boolean holds(String json, Subject s) {
        return ConditionEvaluator.evaluate(condition(json), s).held();
    }

    @Test
    void captureUnlessHighRiskHoldsForLowAndMediumOnly() {
        String c = "{\"field\":\"risk.level\",\"op\":\"ne\",\"value\":\"high\"}";
        assertThat(holds(c, Subjects.of(RiskLevel.LOW, 5, "10.00", "USD"))).isTrue();
        assertThat(holds(c, Subjects.of(RiskLevel.MEDIUM, 50, "10.00", "USD"))).isTrue();
        assertThat(holds(c, Subjects.of(RiskLevel.HIGH, 90, "10.00", "USD"))).isFalse();
        assertThat(holds(c, Subjects.of(null, 0, "10.00", "USD"))).as("not analyzed: never act on a guess").isFalse();
    }

    @Test
    void risksCompareByRankAndAmountsExactlyInMajorUnits() {
        Subject s = Subjects.of(RiskLevel.MEDIUM, 50, "15000", "KRW");
        assertThat(holds("{\"field\":\"risk.level\",\"op\":\"gte\",\"value\":\"medium\"}", s)).isTrue();
        assertThat(holds("{\"field\":\"risk.level\",\"op\":\"gt\",\"value\":\"medium\"}", s)).isFalse();
        assertThat(holds("{\"all\":[{\"field\":\"currency\",\"op\":\"eq\",\"value\":\"KRW\"},"
                + "{\"field\":\"amount\",\"op\":\"gte\",\"value\":15000}]}", s)).isTrue();
        assertThat(holds("{\"field\":\"amount\",\"op\":\"gt\",\"value\":\"15000.5\"}", s)).isFalse();
        assertThat(holds("{\"field\":\"buyer.emailDomain\",\"op\":\"in\",\"value\":[\"SHOP.example.kr\",\"x.com\"]}", s)).isTrue();
        assertThat(holds("{\"field\":\"tags\",\"op\":\"contains\",\"value\":\"VIP\"}", s)).isTrue();
        assertThat(holds("{\"field\":\"items\",\"op\":\"not_contains\",\"value\":\"Mug\"}", s)).isFalse();
        assertThat(holds("{\"field\":\"isFirstOrder\",\"op\":\"eq\",\"value\":true}", s)).isTrue();
        assertThat(holds("{\"not\":{\"field\":\"provider\",\"op\":\"eq\",\"value\":\"stripe\"}}", s)).isFalse();
    }

    @Test
    void theRecordKeepsEveryComparisonWithWhatItSaw() {
        ConditionEvaluator.Result r = ConditionEvaluator.evaluate(condition("{\"any\":["
                + "{\"field\":\"risk.score\",\"op\":\"gte\",\"value\":80},{\"field\":\"status\",\"op\":\"eq\",\"value\":\"pending\"}]}"),
                Subjects.of(RiskLevel.LOW, 12, "1.00", "USD"));
        assertThat(r.held()).isTrue();
        assertThat(r.checks()).containsExactly(
                new ConditionEvaluator.Check("condition.any[0]", "risk.score gte 80", "12", false),
                new ConditionEvaluator.Check("condition.any[1]", "status eq \"pending\"", "pending", true));
    }

    /** Literal cases: the level ranks low < medium < high, written out, not computed. */
    @ParameterizedTest(name = "{0} gte {1} is {2}")
    @CsvSource({"LOW,LOW,true", "LOW,MEDIUM,false", "LOW,HIGH,false", "MEDIUM,LOW,true", "MEDIUM,MEDIUM,true",
            "MEDIUM,HIGH,false", "HIGH,LOW,true", "HIGH,MEDIUM,true", "HIGH,HIGH,true"})
    void riskLevelGte(RiskLevel level, RiskLevel than, boolean expected) {
        Subject s = Subjects.of(level, 50, "1.00", "USD");
        assertThat(holds("{\"field\":\"risk.level\",\"op\":\"gte\",\"value\":\"" + than.wire() + "\"}", s)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "score {0} lt {1} is {2}")
    @CsvSource({"0,0,false", "0,1,true", "49,50,true", "50,50,false", "51,50,false", "100,100,false", "99,100,true"})
    void riskScoreLt(int score, int threshold, boolean expected) {
        Subject s = Subjects.of(RiskLevel.LOW, score, "1.00", "USD");
        assertThat(holds("{\"field\":\"risk.score\",\"op\":\"lt\",\"value\":" + threshold + "}", s)).isEqualTo(expected);
    }

    /** The truth table of not / all / any over one condition that holds (T) and one that does not (F), written out. */
    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', value = {
        "T | true", "F | false",
        "{\"not\":T} | false", "{\"not\":F} | true",
        "{\"all\":[T,T]} | true", "{\"all\":[T,F]} | false", "{\"all\":[F,T]} | false", "{\"all\":[F,F]} | false",
        "{\"any\":[T,T]} | true", "{\"any\":[T,F]} | true", "{\"any\":[F,T]} | true", "{\"any\":[F,F]} | false",
        "{\"not\":{\"all\":[T,F]}} | true", "{\"not\":{\"any\":[T,F]}} | false", "{\"all\":[T,{\"any\":[F,{\"not\":F}]}]} | true"})
    void booleanCombinators(String shape, boolean expected) {
        Subject s = Subjects.of(RiskLevel.MEDIUM, 40, "1.00", "USD"); // medium gte medium holds; score 40 lt 10 does not
        String json = shape.replace("T", "{\"field\":\"risk.level\",\"op\":\"gte\",\"value\":\"medium\"}")
                .replace("F", "{\"field\":\"risk.score\",\"op\":\"lt\",\"value\":10}");
        assertThat(holds(json, s)).as(json).isEqualTo(expected);
    }
}
