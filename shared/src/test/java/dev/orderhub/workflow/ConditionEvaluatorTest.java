package dev.orderhub.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.json.Json;
import dev.orderhub.risk.RiskLevel;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class ConditionEvaluatorTest {
    private static Condition condition(String json) {
        ObjectNodeHolder h = new ObjectNodeHolder(json);
        return WorkflowParser.parse(h.workflow(), "wf_x", 1, "t").condition();
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

    @Property
    void notInvertsAndAllAnyFollowBooleanLogic(@ForAll("levels") RiskLevel level, @ForAll("scores") int score,
            @ForAll("levels") RiskLevel than, @ForAll("scores") int threshold) {
        Subject s = Subjects.of(level, score, "1.00", "USD");
        String a = "{\"field\":\"risk.level\",\"op\":\"gte\",\"value\":\"" + than.wire() + "\"}";
        String b = "{\"field\":\"risk.score\",\"op\":\"lt\",\"value\":" + threshold + "}";
        boolean ha = holds(a, s);
        boolean hb = holds(b, s);
        assertThat(ha).isEqualTo(level.ordinal() >= than.ordinal());
        assertThat(hb).isEqualTo(score < threshold);
        assertThat(holds("{\"not\":" + a + "}", s)).isEqualTo(!ha);
        assertThat(holds("{\"all\":[" + a + "," + b + "]}", s)).isEqualTo(ha && hb);
        assertThat(holds("{\"any\":[" + a + "," + b + "]}", s)).isEqualTo(ha || hb);
        assertThat(holds("{\"not\":{\"all\":[" + a + "," + b + "]}}", s))
                .as("De Morgan").isEqualTo(holds("{\"any\":[{\"not\":" + a + "},{\"not\":" + b + "}]}", s));
    }

    @Provide
    Arbitrary<RiskLevel> levels() {
        return Arbitraries.of(RiskLevel.class);
    }

    @Provide
    Arbitrary<Integer> scores() {
        return Arbitraries.integers().between(0, 100);
    }
}
