package dev.orderhub.benchmarks;

import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import dev.orderhub.local.DemoSite;
import dev.orderhub.provider.CallbackDecision;
import dev.orderhub.provider.stripe.StripeProvider;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A signed Stripe event, verified and read: ours (signature, replay window, parse, normalize into
 * payment events and records) against stripe-java's {@code Webhook.constructEvent} (signature,
 * replay window, parse into its Event) on the same bytes. stripe-java leaves the event's data
 * object as a JSON tree until asked; {@code stripeJavaTyped} asks for it, which is the closer
 * match to what ours does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class StripeWebhookBenchmark {
    /** A small charge event and a large subscription event (samples/stripe, from Stripe's docs). */
    @Param({"charge.succeeded.json", "customer.subscription.updated.json", "invoice.paid.json"})
    public String sample;

    private final StripeProvider provider = new StripeProvider();
    private SignedCallback callback;
    private String payload;
    private String signatureHeader;

    @Setup
    public void sign() {
        callback = SignedCallback.of(StripeProvider.ID, sample, Map.of());
        payload = callback.signed().body();
        signatureHeader = callback.request().header("stripe-signature");
    }

    @Benchmark
    public CallbackDecision ours() {
        return provider.verifyAndNormalize(callback.request(), callback.config(), DemoSite.CLIENT_ID, callback.signedAt());
    }

    @Benchmark
    public Event stripeJava() throws SignatureVerificationException {
        return Webhook.constructEvent(payload, signatureHeader, DemoSite.STRIPE_SECRET, 300);
    }

    @Benchmark
    public Object stripeJavaTyped() throws SignatureVerificationException, EventDataObjectDeserializationException {
        Event event = Webhook.constructEvent(payload, signatureHeader, DemoSite.STRIPE_SECRET, 300);
        return event.getDataObjectDeserializer().deserializeUnsafe();
    }
}
