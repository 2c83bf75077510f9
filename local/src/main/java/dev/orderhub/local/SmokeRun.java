package dev.orderhub.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.db.Ids;
import dev.orderhub.json.Json;
import dev.orderhub.local.sign.CallbackSigner;
import dev.orderhub.local.sign.Signers;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./orderhub smoke <ApiBaseUrl> <operatorKey>}: one signed callback per provider against a
 * deployed stack, checked the way an operator would, through the admin API. It makes a test site
 * with the operator key, gives each provider a secret made for this run, sends each provider's
 * sample callback signed with it, and waits for each order to be listed. One line per provider,
 * PASS or FAIL; the test site is deleted at the end whatever happened (disabled if deleting
 * fails). Exit 0 only when every provider passed and the site is gone.
 */
public final class SmokeRun {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final String base;
    private final String operatorKey;
    private final Duration timeout;
    private final PrintStream out;

    /** One provider's outcome. */
    public record Result(String provider, boolean passed, String detail) {
        public String line() {
            return (passed ? "PASS " : "FAIL ") + provider + ": " + detail;
        }
    }

    /** Everything a run found: per provider, and whether the test site was removed. */
    public record Outcome(String clientId, List<Result> results, boolean cleanedUp) {
        public boolean passed() {
            return cleanedUp && !results.isEmpty() && results.stream().allMatch(Result::passed);
        }
    }

    public SmokeRun(URI base, String operatorKey, Duration timeout, PrintStream out) {
        String b = base.toString();
        this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b; // the stage path (/Prod) is kept
        this.operatorKey = operatorKey;
        this.timeout = timeout;
        this.out = out;
    }

    /** {@code smoke <ApiBaseUrl> <operatorKey> [--timeout SECONDS]}: the exit code. */
    public static int command(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: smoke <ApiBaseUrl> <operatorKey> [--timeout SECONDS]   (the stack's ApiBaseUrl output;"
                    + " the operator key you deployed with)");
            return 2;
        }
        Duration timeout = DEFAULT_TIMEOUT;
        for (int i = 3; i < args.length; i++) {
            if ("--timeout".equals(args[i]) && i + 1 < args.length) {
                timeout = Duration.ofSeconds(Long.parseLong(args[++i]));
            }
        }
        Outcome o = new SmokeRun(URI.create(args[1]), args[2], timeout, System.out).run();
        return o.passed() ? 0 : 1;
    }

    public Outcome run() {
        String name = "orderhub smoke test " + Instant.now();
        HttpResponse<String> created = call("POST", "/admin/sites", operatorKey, Json.write(Map.of("name", name)));
        if (created.statusCode() != 201) {
            Result r = new Result("site", false, "could not create the test site with the operator key: "
                    + created.statusCode() + " " + brief(created.body()));
            out.println(r.line());
            return new Outcome(null, List.of(r), true);
        }
        JsonNode site = Json.parse(created.body());
        String clientId = site.get("clientId").asText();
        String adminKey = site.get("adminKey").asText();
        out.println("test site " + clientId + " (" + name + ")");
        List<Result> results = new ArrayList<>();
        boolean cleanedUp = false;
        try {
            results.addAll(sendAll(clientId, adminKey));
        } catch (RuntimeException e) {
            results.add(new Result("run", false, "stopped: " + e));
        } finally {
            cleanedUp = remove(clientId, adminKey);
        }
        return new Outcome(clientId, results, cleanedUp);
    }

    private List<Result> sendAll(String clientId, String adminKey) {
        Map<String, Result> failed = new LinkedHashMap<>();
        Map<String, Long> sentAt = new LinkedHashMap<>();
        for (DemoSamples sample : DemoSamples.all()) {
            String p = sample.provider();
            Map<String, String> secrets = new HashMap<>();
            DemoSite.SECRETS.get(p).keySet().forEach(k -> secrets.put(k, (p.equals("stripe") ? "whsec_" : "smoke_") + Ids.random(32)));
            Map<String, Object> config = new HashMap<>(secrets);
            config.putAll(DemoSite.SETTINGS.getOrDefault(p, Map.of()));
            HttpResponse<String> put = call("PUT", "/admin/sites/" + clientId + "/providers/" + p, adminKey, Json.write(config));
            if (put.statusCode() != 200) {
                failed.put(p, new Result(p, false, "configuring its secret answered " + put.statusCode() + " " + brief(put.body())));
                continue;
            }
            CallbackSigner signer = Signers.find(p).orElseThrow();
            CallbackSigner.Signed signed = signer.sign(sample.payload(), secrets, Instant.now(), sample.headers());
            HttpRequest.Builder b = request("/callbacks/" + p + "/" + clientId)
                    .header("content-type", signed.contentType())
                    .POST(HttpRequest.BodyPublishers.ofString(signed.body()));
            signed.headers().forEach(b::header);
            HttpResponse<String> delivered = send(b.build());
            if (delivered.statusCode() / 100 != 2) {
                failed.put(p, new Result(p, false, "the callback answered " + delivered.statusCode() + " " + brief(delivered.body())));
                continue;
            }
            sentAt.put(p, System.nanoTime());
        }
        Map<String, Result> passed = awaitOrders(clientId, adminKey, sentAt);
        List<Result> results = new ArrayList<>();
        for (DemoSamples sample : DemoSamples.all()) {
            String p = sample.provider();
            Result r = failed.containsKey(p) ? failed.get(p) : passed.getOrDefault(p,
                    new Result(p, false, "callback accepted, but no order listed within " + timeout.toSeconds() + " s"));
            out.println(r.line());
            results.add(r);
        }
        return results;
    }

    /** Polls the site's orders until one per provider sent is listed or the time is up. */
    private Map<String, Result> awaitOrders(String clientId, String adminKey, Map<String, Long> sentAt) {
        Map<String, Result> found = new HashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (found.size() < sentAt.size() && System.nanoTime() < deadline) {
            HttpResponse<String> r = call("GET", "/admin/sites/" + clientId + "/orders", adminKey, null);
            if (r.statusCode() == 200) {
                for (JsonNode order : Json.parse(r.body()).path("orders")) {
                    String p = order.path("provider").asText();
                    if (sentAt.containsKey(p) && !found.containsKey(p)) {
                        long ms = Duration.ofNanos(System.nanoTime() - sentAt.get(p)).toMillis();
                        found.put(p, new Result(p, true, "order " + order.path("orderId").asText() + " "
                                + order.path("status").asText() + " after " + ms + " ms"));
                    }
                }
            }
            sleep(500);
        }
        return found;
    }

    /** Soft-deletes the test site (its two-step confirmation); disables it when that fails. */
    private boolean remove(String clientId, String adminKey) {
        String path = "/admin/sites/" + clientId;
        HttpResponse<String> first = call("DELETE", path, adminKey, null);
        String token = first.statusCode() == 409 ? Json.parse(first.body()).path("confirmationToken").asText("") : "";
        if (!token.isEmpty()) {
            HttpResponse<String> second = call("DELETE", path + "?confirm=" + URLEncoder.encode(token, StandardCharsets.UTF_8), adminKey, null);
            if (second.statusCode() == 200) {
                out.println("test site " + clientId + " deleted");
                return true;
            }
            first = second;
        }
        HttpResponse<String> disabled = call("PATCH", path, adminKey, Json.write(Map.of("status", "disabled")));
        if (disabled.statusCode() == 200) {
            out.println("FAIL cleanup: deleting test site " + clientId + " answered " + first.statusCode() + " "
                    + brief(first.body()) + "; it is disabled instead");
        } else {
            out.println("FAIL cleanup: test site " + clientId + " could be neither deleted (" + first.statusCode()
                    + ") nor disabled (" + disabled.statusCode() + "): remove it by hand");
        }
        return false;
    }

    private HttpResponse<String> call(String method, String path, String key, String json) {
        HttpRequest.Builder b = request(path).header("authorization", "Bearer " + key)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("content-type", "application/json");
        }
        return send(b.build());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String brief(String body) {
        String b = body == null ? "" : body.replaceAll("\\s+", " ");
        return b.length() > 200 ? b.substring(0, 200) + "..." : b;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
