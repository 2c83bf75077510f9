package dev.orderhub.local.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.json.Json;
import dev.orderhub.local.FromAddress;
import dev.orderhub.local.TestHub;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Buyers' intents are created anonymously, so a site's limits are all that stands between a
 * flood and that site's (or another site's) buyers. Checked per client address first, so that a
 * flooding address spends only its own budget; then per site. With the documented numbers a
 * handful of addresses cannot use up a site's minute, and one site's flood is refused at that site.
 */
class IntentFloodAcrossSitesIT {
    /** Each attacking address sends more than any per-address limit allows. */
    private static final int REQUESTS_PER_ATTACKER = 25;

    @BeforeEach
    void inOneWindow() throws InterruptedException {
        // The windows are whole minutes: start early in one so that the flood and the check share it.
        long second = Instant.now().getEpochSecond() % 60;
        if (second > 35) {
            Thread.sleep((61 - second) * 1000);
        }
    }

    private static int createIntent(String address, String clientId) {
        Map<String, Object> body = IntentsIT.intentBody("buyer@example.com", "3.00");
        return FromAddress.send(address, "POST", "/sites/" + clientId + "/intents", "application/json", Json.write(body),
                Map.of()).status();
    }

    private static void putSettings(JsonNode site, Map<String, Object> settings) {
        TestHub.Response r = TestHub.send("PUT", "/admin/sites/" + site.get("clientId").asText() + "/settings",
                "application/json", Json.write(settings), Map.of("authorization", "Bearer " + site.get("adminKey").asText()));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    @Test
    void fifteenAddressesCannotUseUpASitesIntentsForItsOtherBuyers() {
        String clientId = TestHub.newSite("flooded by fifteen").get("clientId").asText();
        int admitted = 0;
        for (int a = 0; a < 15; a++) {
            for (int i = 0; i < REQUESTS_PER_ATTACKER; i++) {
                admitted += createIntent(FromAddress.loopback(10 + a), clientId) == 201 ? 1 : 0;
            }
        }
        assertThat(createIntent(FromAddress.loopback(100), clientId)).as("another buyer of the same site").isEqualTo(201);
        assertThat(admitted).as("each address gets its own small share only").isLessThanOrEqualTo(15 * 5);
    }

    @Test
    void oneSitesFloodIsRefusedAtThatSiteAndAnotherSitesIntentsAnswer201() {
        JsonNode flooded = TestHub.newSite("flooded");
        putSettings(flooded, Map.of("intentsPerMinute", 20, "intentsPerMinutePerIp", 1));
        String other = TestHub.newSite("bystander").get("clientId").asText();
        int refused = 0;
        for (int a = 0; a < 30; a++) {
            refused += createIntent(FromAddress.loopback(120 + a), flooded.get("clientId").asText()) == 429 ? 1 : 0;
        }
        assertThat(refused).as("past the flooded site's 20 a minute").isGreaterThanOrEqualTo(10);
        assertThat(createIntent(FromAddress.loopback(120), other)).as("an attacking address, on another site").isEqualTo(201);
        assertThat(createIntent(FromAddress.loopback(200), other)).isEqualTo(201);
    }

    @Test
    void aRefusalSaysWhichLimitAndWhenToRetry() {
        JsonNode site = TestHub.newSite("refusals");
        putSettings(site, Map.of("intentsPerMinute", 20, "intentsPerMinutePerIp", 1));
        String clientId = site.get("clientId").asText();
        assertThat(createIntent(FromAddress.loopback(60), clientId)).isEqualTo(201);
        TestHub.Response r = FromAddress.send(FromAddress.loopback(60), "POST", "/sites/" + clientId + "/intents",
                "application/json", Json.write(IntentsIT.intentBody("buyer@example.com", "3.00")), Map.of());
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.json().get("error").get("code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(r.json().get("error").get("message").asText()).contains("this address");
        assertThat(Integer.parseInt(r.headers().get("retry-after").get(0))).isBetween(1, 60);
        assertThat(r.headers().get("access-control-expose-headers")).as("the page may read it").containsExactly("Retry-After");
    }

    @Test
    void aPerAddressLimitThatLetsFewerThanTwentyAddressesUseUpTheSiteIsRefused() {
        JsonNode site = TestHub.newSite("lopsided");
        TestHub.Response r = TestHub.send("PUT", "/admin/sites/" + site.get("clientId").asText() + "/settings",
                "application/json", Json.write(Map.of("intentsPerMinute", 300, "intentsPerMinutePerIp", 20)),
                Map.of("authorization", "Bearer " + site.get("adminKey").asText()));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").get("field").asText()).isEqualTo("intentsPerMinutePerIp");
        assertThat(r.json().get("error").get("message").asText()).contains("15");
    }
}
