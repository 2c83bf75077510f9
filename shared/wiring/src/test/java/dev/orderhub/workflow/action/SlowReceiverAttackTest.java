package dev.orderhub.workflow.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.orderhub.http.outbound.FakeDns;
import dev.orderhub.http.outbound.HostileReceiver;
import dev.orderhub.http.outbound.OutboundAddresses;
import dev.orderhub.provider.api.ApiHttp;
import dev.orderhub.provider.api.ApiTesting;
import dev.orderhub.provider.api.ProviderApiException;
import dev.orderhub.provider.stripe.StripeApiClient;
import dev.orderhub.site.ProviderConfig;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A seller's receiver (or a provider stand-in) that answers with 256 MB, or drips its answer one
 * byte at a time: the shared runner must read a bounded part of any answer and give up on the
 * whole exchange at one deadline, whatever the receiver does.
 */
class SlowReceiverAttackTest {
    private static final OutboundAddresses LOCAL = OutboundAddresses.withLoopback(new FakeDns().answer("seller.test.example", "127.0.0.1"));

    private static ApiHttp http(Duration deadline, int attempts) {
        return new ApiHttp(new ApiHttp.Settings(Duration.ofSeconds(1), deadline, attempts, Duration.ofMillis(1),
                Duration.ofSeconds(1)), d -> { }, LOCAL);
    }

    @Test
    void aHugeWebhookAnswerIsReadOnlyUpToItsBound() throws Exception {
        try (HostileReceiver huge = new HostileReceiver(HostileReceiver.Mode.HUGE, 256L << 20, 0)) {
            ApiHttp http = http(Duration.ofSeconds(5), 1);
            long started = System.nanoTime();
            String result = new WebhookSender(http, Clock.systemUTC())
                    .send(URI.create("http://seller.test.example:" + huge.port() + "/hook"), "{}", "whsk_s", "d1");
            assertThat(result).isEqualTo("webhook delivered to seller.test.example (HTTP 200)");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            Thread.sleep(200);
            // What the receiver could push is the bound plus the sockets' buffers, nowhere near 256 MB.
            assertThat(huge.bytesWritten.get()).isLessThan(32L << 20);
        }
    }

    @Test
    void aHugeAnswerIsCutAtTheBoundAndAProviderAnswerThatLongIsRefused() throws Exception {
        try (HostileReceiver huge = new HostileReceiver(HostileReceiver.Mode.HUGE, 256L << 20, 0)) {
            ApiHttp http = http(Duration.ofSeconds(5), 1);
            ApiHttp.Answer a = http.post(URI.create("http://seller.test.example:" + huge.port() + "/x"), "application/json", "{}",
                    Map.of(), "test", ApiHttp.WEBHOOK_ANSWER_BYTES);
            assertThat(a.truncated()).isTrue();
            assertThat(a.bytes().length).isEqualTo(ApiHttp.WEBHOOK_ANSWER_BYTES);

            // A provider look-up (reconciliation) reads at most its bound, then calls the answer too large.
            StripeApiClient stripe = new StripeApiClient(http, URI.create("http://seller.test.example:" + huge.port()));
            ProviderConfig config = new ProviderConfig("stripe", Map.of("apiKey", "sk_test"), Map.of(), Map.of(), null);
            ProviderApiException tooLarge = catchThrowableOfType(ProviderApiException.class, () -> stripe.lookup(
                    ApiTesting.pendingOrder("stripe", "pi_1", "2026-01-01T00:00:00Z", Map.of()), config, Instant.now()));
            assertThat(tooLarge.problem()).isEqualTo("answer too large");
        }
    }

    @Test
    void aDrippingReceiverIsCutOffAtTheOneDeadline() throws Exception {
        try (HostileReceiver drip = new HostileReceiver(HostileReceiver.Mode.DRIP, 0, 20)) {
            ApiHttp http = http(Duration.ofSeconds(1), 2);
            long started = System.nanoTime();
            ActionFailed f = catchThrowableOfType(ActionFailed.class, () -> new WebhookSender(http, Clock.systemUTC())
                    .send(URI.create("http://seller.test.example:" + drip.port() + "/hook"), "{}", "whsk_s", "d2"));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(f.getMessage()).isEqualTo("webhook to seller.test.example failed: no answer");
            assertThat(f.permanent()).isFalse();
            // Two attempts of one second each, not the 20 s the receiver would take (1000 bytes at 20 ms).
            assertThat(took).isLessThan(Duration.ofSeconds(4));
            assertThat(drip.requests.get()).isEqualTo(2);
        }
    }

    @Test
    void aDrippingProviderIsCutOffAtTheSameDeadline() throws Exception {
        try (HostileReceiver drip = new HostileReceiver(HostileReceiver.Mode.DRIP, 0, 20)) {
            ApiHttp http = http(Duration.ofSeconds(1), 1);
            StripeApiClient stripe = new StripeApiClient(http, URI.create("http://seller.test.example:" + drip.port()));
            ProviderConfig config = new ProviderConfig("stripe", Map.of("apiKey", "sk_test"), Map.of(), Map.of(), null);
            long started = System.nanoTime();
            ProviderApiException e = catchThrowableOfType(ProviderApiException.class, () -> stripe.lookup(
                    ApiTesting.pendingOrder("stripe", "pi_2", "2026-01-01T00:00:00Z", Map.of()), config, Instant.now()));
            assertThat(e.problem()).isEqualTo("no answer");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        }
    }
}
