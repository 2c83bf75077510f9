package dev.orderhub.local.localmode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.local.SmokeRun;
import dev.orderhub.local.TestHub;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * `./orderhub smoke` against local mode as it would run against a deployment: the gateway's URL
 * and the operator key, nothing else. Each provider's signed callback must become a listed order,
 * and the test site must be gone afterwards, whether the run passed or not.
 */
class SmokeIT {
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    private static boolean siteGone(String clientId) {
        TestHub.Response r = TestHub.get("/admin/sites/" + clientId, TestHub.get().operatorKey());
        return r.status() == 404 || "deleted".equals(r.json().path("status").asText());
    }

    @Test
    void everyProvidersSignedCallbackBecomesAnOrderAndTheTestSiteIsDeleted() {
        SmokeRun.Outcome o = new SmokeRun(TestHub.base(), TestHub.get().operatorKey(), Duration.ofSeconds(60), out).run();

        assertThat(o.results()).extracting(SmokeRun.Result::provider)
                .containsExactlyInAnyOrder("kofi", "bmc", "xsolla", "stripe", "shopify");
        assertThat(o.results()).allSatisfy(r -> assertThat(r.passed()).as(r.line()).isTrue());
        assertThat(o.passed()).isTrue();
        for (String p : new String[] {"kofi", "bmc", "xsolla", "stripe", "shopify"}) {
            assertThat(printed()).containsPattern("(?m)^PASS " + p + ": order \\S+ ");
        }
        assertThat(o.cleanedUp()).isTrue();
        assertThat(siteGone(o.clientId())).as("test site %s removed", o.clientId()).isTrue();
    }

    @Test
    void ordersThatNeverAppearFailEachProviderAndTheSiteIsStillDeleted() {
        // Nothing consumes the payment events: callbacks are accepted, no order is ever listed.
        TestHub.pauseConsumersWhenDrained();
        SmokeRun.Outcome o;
        try {
            o = new SmokeRun(TestHub.base(), TestHub.get().operatorKey(), Duration.ofSeconds(3), out).run();
        } finally {
            TestHub.get().pauseConsumers(false);
        }

        assertThat(o.results()).hasSize(5).allSatisfy(r -> assertThat(r.passed()).isFalse());
        assertThat(printed()).containsPattern("(?m)^FAIL kofi: callback accepted, but no order listed within 3 s$");
        assertThat(o.passed()).isFalse();
        assertThat(o.cleanedUp()).isTrue();
        assertThat(siteGone(o.clientId())).isTrue();
    }

    @Test
    void aWrongOperatorKeyFailsWithANonZeroExitAndLeavesNothing() {
        SmokeRun.Outcome o = new SmokeRun(TestHub.base(), "ohk_not_the_operator_key", Duration.ofSeconds(3), out).run();

        assertThat(o.passed()).isFalse();
        assertThat(o.clientId()).isNull();
        assertThat(printed()).startsWith("FAIL site: could not create the test site with the operator key: 401");
        assertThat(SmokeRun.command(new String[] {"smoke", TestHub.base().toString(), "ohk_not_the_operator_key"})).isEqualTo(1);
        assertThat(SmokeRun.command(new String[] {"smoke", TestHub.base().toString()})).isEqualTo(2);
    }
}
