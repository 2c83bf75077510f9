package dev.orderhub.benchmarks;

import com.stripe.net.Webhook;
import dev.orderhub.http.HttpRequest;
import dev.orderhub.local.DemoSite;
import dev.orderhub.provider.stripe.StripeProvider;
import dev.orderhub.provider.stripe.StripeSignature;
import dev.orderhub.site.AutoReply;
import dev.orderhub.site.ProviderConfig;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Stripe comparison of {@link StripeWebhookBenchmark} measured in CPU time instead of wall
 * time: {@code java -cp benchmarks/target/benchmarks.jar dev.orderhub.benchmarks.StripeCpuTime}.
 * On a machine shared with other builds JMH's ops/s mostly measure the other builds; the CPU time
 * this thread spent per operation (and the bytes it allocated) does not depend on how often it was
 * descheduled. Ours and stripe-java's run interleaved in one JVM, the best of several rounds each.
 */
public final class StripeCpuTime {
    private static final List<String> SAMPLES = List.of("charge.succeeded.json", "customer.subscription.updated.json",
            "invoice.paid.json");
    private static final int WARM_UP = 100_000;
    private static final int ROUNDS = 8;
    private static final int PER_ROUND = 20_000;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static volatile Object sink;

    private StripeCpuTime() {}

    private interface Op {
        Object run() throws Exception;
    }

    private record Cost(double micros, long bytes) {}

    public static void main(String[] args) throws Exception {
        System.out.printf(Locale.ROOT, "%-36s %14s %14s %14s %9s %9s%n", "case", "ours us/op", "stripeJava", "typed",
                "ratio", "typed");
        for (String sample : SAMPLES) {
            String payload = SignedCallback.sample(StripeProvider.ID, sample);
            byte[] body = payload.getBytes(StandardCharsets.UTF_8);
            Instant now = Instant.now();
            String header = StripeSignature.header(body, DemoSite.STRIPE_SECRET, now.getEpochSecond());
            HttpRequest request = new HttpRequest("POST", "/callbacks/stripe/" + DemoSite.CLIENT_ID,
                    Map.of("clientId", DemoSite.CLIENT_ID), Map.of(),
                    Map.of("content-type", "application/json", StripeSignature.HEADER, header), body, "127.0.0.1");
            ProviderConfig config = new ProviderConfig(StripeProvider.ID, DemoSite.SECRETS.get(StripeProvider.ID),
                    Map.of(), DemoSite.SETTINGS.getOrDefault(StripeProvider.ID, Map.of()), AutoReply.OFF);
            StripeProvider provider = new StripeProvider();
            Op ours = () -> provider.verifyAndNormalize(request, config, DemoSite.CLIENT_ID, now);
            Op stripeJava = () -> Webhook.constructEvent(payload, header, DemoSite.STRIPE_SECRET, 300);
            Op typed = () -> Webhook.constructEvent(payload, header, DemoSite.STRIPE_SECRET, 300)
                    .getDataObjectDeserializer().deserializeUnsafe();
            for (int i = 0; i < WARM_UP; i++) {
                sink = ours.run();
                sink = stripeJava.run();
                sink = typed.run();
            }
            Cost o = new Cost(Double.MAX_VALUE, 0);
            Cost j = o;
            Cost t = o;
            for (int r = 0; r < ROUNDS; r++) {
                o = best(o, measure(ours));
                j = best(j, measure(stripeJava));
                t = best(t, measure(typed));
            }
            System.out.printf(Locale.ROOT, "%-36s %7.2f %6s %7.2f %6s %7.2f %6s %8.2fx %8.2fx%n", sample,
                    o.micros(), "(" + o.bytes() / 1000 + "k)", j.micros(), "(" + j.bytes() / 1000 + "k)",
                    t.micros(), "(" + t.bytes() / 1000 + "k)", j.micros() / o.micros(), t.micros() / o.micros());
        }
        System.out.println("us/op = CPU time of this thread per operation (best round), (Nk) = kB allocated per operation;"
                + " ratio = stripe-java's CPU time / ours (above 1: ours is faster)");
    }

    private static Cost best(Cost a, Cost b) {
        return b.micros() < a.micros() ? b : a;
    }

    private static Cost measure(Op op) throws Exception {
        long thread = Thread.currentThread().getId();
        long bytes = THREADS.getThreadAllocatedBytes(thread);
        long cpu = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < PER_ROUND; i++) {
            sink = op.run();
        }
        long spent = THREADS.getCurrentThreadCpuTime() - cpu;
        return new Cost(spent / 1000.0 / PER_ROUND, (THREADS.getThreadAllocatedBytes(thread) - bytes) / PER_ROUND);
    }
}
