package dev.orderhub.benchmarks;

import dev.orderhub.local.DemoSite;
import dev.orderhub.provider.CallbackDecision;
import dev.orderhub.provider.Provider;
import dev.orderhub.provider.Providers;
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
 * Verify + parse + normalize of one documented sample per provider, through the provider's own
 * {@code verifyAndNormalize}: absolute throughput and (with -prof gc) allocation per callback.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ProviderCallbackBenchmark {
    /** provider:sample[:X-Shopify-Topic]. */
    @Param({"kofi:donation.json", "xsolla:payment.json", "bmc:donation.created.json", "shopify:orders_paid.json:orders/paid"})
    public String callbackCase;

    private Provider provider;
    private SignedCallback callback;

    @Setup
    public void sign() {
        String[] parts = callbackCase.split(":");
        provider = Providers.REGISTRY.find(parts[0]).orElseThrow();
        callback = SignedCallback.of(parts[0], parts[1], parts.length > 2 ? Map.of("X-Shopify-Topic", parts[2]) : Map.of());
    }

    @Benchmark
    public CallbackDecision ours() {
        return provider.verifyAndNormalize(callback.request(), callback.config(), DemoSite.CLIENT_ID, callback.signedAt());
    }
}
