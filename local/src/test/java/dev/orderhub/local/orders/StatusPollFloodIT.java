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
 * A buyer (or anyone who created an intent) polls {@code GET /orders/{id}/status} as fast as it
 * can. The stage's throttling is shared by every site's buyers; in the function, polls are
 * counted per address on the intent's site, so the flood is refused there while other buyers of
 * the site, and the same address's polls on another site, still get their status.
 */
class StatusPollFloodIT {
    /** More than the documented 120 polls a minute per address on a site. */
    private static final int FLOOD = 130;

    @BeforeEach
    void inOneWindow() throws InterruptedException {
        long second = Instant.now().getEpochSecond() % 60;
        if (second > 40) {
            Thread.sleep((61 - second) * 1000);
        }
    }

    private record Created(String intentId, String token) {}

    private static Created intent(String address, String clientId) {
        TestHub.Response r = FromAddress.send(address, "POST", "/sites/" + clientId + "/intents", "application/json",
                Json.write(IntentsIT.intentBody("buyer@example.com", "3.00")), Map.of());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode j = r.json();
        return new Created(j.get("intentId").asText(), j.get("statusToken").asText());
    }

    private static TestHub.Response poll(String address, Created c) {
        return FromAddress.send(address, "GET", "/orders/" + c.intentId() + "/status", null, null,
                Map.of("x-status-token", c.token()));
    }

    @Test
    void oneAddressFloodingItsStatusIsRefusedWhileOtherBuyersAndOtherSitesStillRead() {
        String siteA = TestHub.newSite("polled hard").get("clientId").asText();
        String siteB = TestHub.newSite("polled elsewhere").get("clientId").asText();
        String attacker = FromAddress.loopback(90);
        Created own = intent(attacker, siteA);
        int refused = 0;
        TestHub.Response refusal = null;
        for (int i = 0; i < FLOOD; i++) {
            TestHub.Response r = poll(attacker, own);
            if (r.status() == 429) {
                refused++;
                refusal = r;
            } else {
                assertThat(r.status()).isEqualTo(200);
            }
        }
        assertThat(refused).as("polls past 120 a minute from one address").isGreaterThanOrEqualTo(FLOOD - 120);
        assertThat(refusal.json().get("error").get("code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(Integer.parseInt(refusal.headers().get("retry-after").get(0))).isBetween(1, 60);
        assertThat(refusal.headers().get("access-control-allow-origin")).containsExactly("*");
        assertThat(refusal.headers().get("access-control-expose-headers").get(0)).as("the page may read it").contains("Retry-After");

        Created buyer = intent(FromAddress.loopback(91), siteA);
        assertThat(poll(FromAddress.loopback(91), buyer).status()).as("another buyer of the same site").isEqualTo(200);
        Created elsewhere = intent(attacker, siteB);
        assertThat(poll(attacker, elsewhere).status()).as("the same address on another site").isEqualTo(200);
    }

    @Test
    void wrongTokensAreNotCountedAgainstAnySite() {
        String site = TestHub.newSite("guessed").get("clientId").asText();
        String guesser = FromAddress.loopback(95);
        Created real = intent(FromAddress.loopback(96), site);
        for (int i = 0; i < FLOOD; i++) {
            assertThat(FromAddress.send(guesser, "GET", "/orders/" + real.intentId() + "/status", null, null,
                    Map.of("x-status-token", "st_wrong" + i)).status()).isEqualTo(404);
        }
        assertThat(poll(guesser, real).status()).as("guessing spent nothing of the site's").isEqualTo(200);
    }
}
