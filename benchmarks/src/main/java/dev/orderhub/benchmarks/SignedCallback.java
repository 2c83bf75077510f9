package dev.orderhub.benchmarks;

import dev.orderhub.http.HttpRequest;
import dev.orderhub.local.DemoSite;
import dev.orderhub.local.sign.CallbackSigner;
import dev.orderhub.local.sign.Signers;
import dev.orderhub.site.AutoReply;
import dev.orderhub.site.ProviderConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One documented sample payload signed as its provider would sign it, for the demo site's
 * public secrets: the request and the site config the provider's verifyAndNormalize gets in
 * production, built once per benchmark trial so that only verification and normalization are measured.
 */
record SignedCallback(HttpRequest request, ProviderConfig config, Instant signedAt, CallbackSigner.Signed signed) {
    static SignedCallback of(String provider, String sample, Map<String, String> deliveryHeaders) {
        Instant now = Instant.now();
        Map<String, String> secrets = DemoSite.SECRETS.get(provider);
        CallbackSigner.Signed signed = Signers.find(provider).orElseThrow()
                .sign(sample(provider, sample), secrets, now, deliveryHeaders);
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", signed.contentType());
        signed.headers().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        HttpRequest request = new HttpRequest("POST", "/callbacks/" + provider + "/" + DemoSite.CLIENT_ID,
                Map.of("clientId", DemoSite.CLIENT_ID), Map.of(), headers,
                signed.body().getBytes(StandardCharsets.UTF_8), "127.0.0.1");
        ProviderConfig config = new ProviderConfig(provider, secrets, Map.of(),
                DemoSite.SETTINGS.getOrDefault(provider, Map.of()), AutoReply.OFF);
        return new SignedCallback(request, config, now, signed);
    }

    /** samples/&lt;provider&gt;/&lt;file&gt; from the providers' docs (shared/core/src/test/resources/samples, SOURCES.md). */
    static String sample(String provider, String file) {
        try (InputStream in = SignedCallback.class.getResourceAsStream("/samples/" + provider + "/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + provider + "/" + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int bodyBytes() {
        return request.body().length;
    }
}
