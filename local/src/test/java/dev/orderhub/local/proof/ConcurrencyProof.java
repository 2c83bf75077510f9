package dev.orderhub.local.proof;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.local.DemoSite;
import dev.orderhub.local.TestHub;
import dev.orderhub.local.sign.CallbackSigner;
import dev.orderhub.local.sign.Signers;
import dev.orderhub.order.Order;
import dev.orderhub.order.OrderIds;
import dev.orderhub.order.OrderStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Callbacks racing each other through the real pipeline (gateway, callback function, queue,
 * payment-events function, DynamoDB and SES stand-ins): what arrives concurrently must end exactly as if it had
 * arrived one at a time.
 */
class ConcurrencyProof {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void theSameCallbackTwentyTimesAtOnceIsOneStateChangeAndOneEmail() throws Exception {
        String clientId = newSite();
        String email = "race-" + clientId + "@example.com";
        // Ko-fi donation with the demo auto-reply (DemoSite.configureProviders), payload shaped as samples/kofi/donation.json.
        String payload = "{\"message_id\":\"race-msg-1\",\"timestamp\":\"2026-01-01T12:00:00Z\",\"type\":\"Donation\","
                + "\"from_name\":\"Race\",\"message\":\"hi\",\"amount\":\"3.00\",\"email\":\"" + email + "\","
                + "\"currency\":\"USD\",\"kofi_transaction_id\":\"race-txn-1\",\"is_public\":true}";
        List<Integer> statuses = concurrently(Collections.nCopies(20, payload), clientId, "kofi");
        assertThat(statuses).containsOnly(200);

        String orderId = OrderIds.of(clientId, "kofi", "race-txn-1");
        // The thank-you is the default workflow's run (ThankYouWorkflow): one per order and trigger.
        TestHub.await(() -> TestHub.mailTo(email), m -> !m.isEmpty(), WAIT);
        Order order = order(clientId, orderId).orElseThrow();
        assertThat(order.status()).isEqualTo(OrderStatus.PAID);
        assertThat(order.appliedEvents()).containsExactly("race-msg-1");
        assertThat(order.version()).as("one write: the event with its match decision; the e-mail writes nothing on the order")
                .isEqualTo(1);
        TestHub.awaitQuiet(WAIT); // no delivery and no workflow run left that could send a second e-mail
        assertThat(TestHub.mailTo(email)).hasSize(1);
    }

    @Test
    void fiftyConcurrentEventsOnOneOrderEndAsTheSequentialResult() throws Exception {
        List<String> events = new ArrayList<>();
        events.add(stripe("evt_race_pay", "charge.succeeded", "{\"id\":\"ch_race\",\"object\":\"charge\",\"amount\":5000,"
                + "\"currency\":\"usd\",\"status\":\"succeeded\",\"captured\":true,\"paid\":true,\"created\":1767268800,"
                + "\"payment_intent\":\"pi_race\",\"billing_details\":{\"name\":\"Race\",\"email\":\"race@example.com\"}}"));
        for (int i = 0; i < 30; i++) {
            events.add(stripe("evt_race_refund_" + i, "refund.created", "{\"id\":\"re_race_" + i + "\",\"object\":\"refund\","
                    + "\"amount\":100,\"charge\":\"ch_race\",\"currency\":\"usd\",\"payment_intent\":\"pi_race\","
                    + "\"status\":\"succeeded\",\"created\":1767268801}"));
        }
        Random random = new Random(7);
        while (events.size() < 50) {
            events.add(events.get(random.nextInt(31))); // duplicates of the payment and of refunds
        }

        String sequential = newSite();
        for (String e : events) {
            assertThat(send(sequential, "stripe", e)).isEqualTo(200);
        }
        String concurrent = newSite();
        List<String> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, random);
        assertThat(concurrently(shuffled, concurrent, "stripe")).containsOnly(200);

        Order a = settled(sequential);
        Order b = settled(concurrent);
        assertThat(a.refundedMinor()).isEqualTo(3000);
        assertThat(a.status()).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
        assertThat(b.status()).isEqualTo(a.status());
        assertThat(b.eventStatus()).isEqualTo(a.eventStatus());
        assertThat(b.amount()).isEqualTo(a.amount());
        assertThat(b.amountSource()).isEqualTo(a.amountSource());
        assertThat(b.refundedMinor()).isEqualTo(a.refundedMinor());
        assertThat(b.fullyRefunded()).isEqualTo(a.fullyRefunded());
        assertThat(b.appliedEvents()).isEqualTo(a.appliedEvents()).hasSize(31);
        assertThat(b.createdAt()).isEqualTo(a.createdAt());
    }

    private static Order settled(String clientId) {
        String orderId = OrderIds.of(clientId, "stripe", "pi_race");
        return TestHub.await(() -> order(clientId, orderId), o -> o.isPresent() && o.get().appliedEvents().size() == 31, WAIT)
                .orElseThrow(() -> new AssertionError("order of " + clientId + " not stored"));
    }

    private static String stripe(String id, String type, String object) {
        return "{\"id\":\"" + id + "\",\"object\":\"event\",\"type\":\"" + type + "\",\"created\":1767268800,"
                + "\"livemode\":false,\"data\":{\"object\":" + object + "}}";
    }

    private static String newSite() {
        TestHub.get();
        String clientId = "site_race" + Long.toString(System.nanoTime(), 36);
        TestHub.stack().sites().create(clientId, "Race");
        DemoSite.configureProviders(TestHub.stack().sites(), clientId);
        TestHub.stack().thankYouWorkflow().install(clientId); // as the admin API does for a new site: the thank-you e-mails
        return clientId;
    }

    private static Optional<Order> order(String clientId, String orderId) {
        return TestHub.stack().orders().find(clientId, orderId);
    }

    private static int send(String clientId, String provider, String payload) {
        CallbackSigner.Signed s = Signers.find(provider).orElseThrow()
                .sign(payload, DemoSite.SECRETS.get(provider), Instant.now(), Map.of());
        return TestHub.send("POST", "/callbacks/" + provider + "/" + clientId, s.contentType(), s.body(), s.headers()).status();
    }

    /** All payloads sent at the same moment, one thread each. */
    private static List<Integer> concurrently(List<String> payloads, String clientId, String provider) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(payloads.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (String p : payloads) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return send(clientId, provider, p);
                }));
            }
            start.countDown();
            List<Integer> out = new ArrayList<>();
            for (Future<Integer> f : answers) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
