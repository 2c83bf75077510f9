package dev.orderhub.local.localmode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.local.DemoSite;
import dev.orderhub.local.LocalHub;
import dev.orderhub.local.LocalMode;
import dev.orderhub.local.TestHub;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * `./orderhub sign <provider> events/<file>.json`: an API Gateway event file is signed by its body (what the
 * provider sent), not as a payload itself, and the printed curl is accepted by local mode.
 */
class SignEventFileIT {
    @ParameterizedTest
    @CsvSource({"kofi, events/kofi-donation.json", "stripe, events/stripe-charge.succeeded.json",
            "shopify, events/shopify-orders_paid.json", "xsolla, events/xsolla-payment.json",
            "bmc, events/bmc-donation.created.json"})
    void theCurlItPrintsForAnEventFileIsAccepted(String provider, String file) throws Exception {
        LocalHub hub = TestHub.get();
        DemoSite.seed(TestHub.stack());
        String event = LocalHub.findRoot().resolve(file).toString();
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exit;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            exit = LocalMode.sign(new String[] {"sign", provider, event, hub.baseUrl().toString()});
        } finally {
            System.setOut(stdout);
        }
        String curl = printed.toString(StandardCharsets.UTF_8).trim();
        assertThat(exit).as(curl).isZero();
        Process p = new ProcessBuilder("bash", "-c", curl + " -o /dev/null -w '%{http_code}'").redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String status = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(status).as(curl).isIn("200", "204");
    }
}
