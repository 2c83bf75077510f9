package dev.orderhub.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.orderhub.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The local stack the test classes of one JVM share, started on first use and stopped at exit
 * (one, so that the stand-ins start once; a test may start a LocalHub of its own beside it).
 * Tests create their own sites so that they do not see each other's orders.
 */
public final class TestHub {
    private static LocalHub hub;
    private static WireMockServer providerApis;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestHub() {}

    public static synchronized LocalHub get() {
        if (hub == null) {
            // Stripe's, Shopify's and Xsolla's merchant APIs, as the workflow and sync runners call them, answered by WireMock.
            providerApis = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
            providerApis.start();
            System.setProperty(LocalHub.PARAMETER_PREFIX + "StripeApiBase", providerApis.baseUrl());
            System.setProperty(LocalHub.PARAMETER_PREFIX + "ShopifyApiBase", providerApis.baseUrl());
            System.setProperty(LocalHub.PARAMETER_PREFIX + "XsollaMerchantApiBase", providerApis.baseUrl());
            Runtime.getRuntime().addShutdownHook(new Thread(providerApis::stop));
            try {
                // A target that cannot run here (LocalStack without Docker) aborts: the test is skipped, saying why.
                hub = LocalHub.start(LocalHub.Options.forTests(), TestTargets.start(TargetKind.selected(), LocalHub.findRoot()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(hub::close));
            SuiteOutput.record(hub);
        }
        return hub;
    }

    /** The stack's objects (stores, runner, processor) built from its configuration, as the functions build theirs. */
    public static dev.orderhub.runtime.Stack stack() {
        return get().stack();
    }

    /** The stand-in for the providers' APIs (one per test JVM; tests stub distinct paths). */
    public static WireMockServer providerApis() {
        get();
        return providerApis;
    }

    public record Response(int status, Map<String, List<String>> headers, String body) {
        public JsonNode json() {
            return Json.parse(body);
        }
    }

    public static Response send(String method, String path, String contentType, String body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(get().baseUrl().resolve(path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("content-type", contentType);
        }
        headers.forEach(b::header);
        return execute(b.build());
    }

    public static Response get(String path, String adminKey) {
        return send("GET", path, null, null, adminKey == null ? Map.of() : Map.of("authorization", "Bearer " + adminKey));
    }

    public static Response execute(HttpRequest request) {
        try {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers().map(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A fresh site made through the admin API with the operator key: {clientId, adminKey}. */
    public static JsonNode newSite(String name) {
        Response r = send("POST", "/admin/sites", "application/json", Json.write(Map.of("name", name)),
                Map.of("authorization", "Bearer " + get().operatorKey()));
        if (r.status() != 201) {
            throw new IllegalStateException("site creation failed: " + r.status() + " " + r.body());
        }
        return r.json();
    }

    public static Response putProvider(String clientId, String provider, String adminKey, Object config) {
        return send("PUT", "/admin/sites/" + clientId + "/providers/" + provider, "application/json", Json.write(config),
                Map.of("authorization", "Bearer " + adminKey));
    }

    /** A site's orders as the admin API lists them (first page, newest first). */
    public static List<JsonNode> orders(String clientId, String adminKey) {
        Response r = get("/admin/sites/" + clientId + "/orders", adminKey);
        if (r.status() != 200) {
            throw new IllegalStateException("listing orders failed: " + r.status() + " " + r.body());
        }
        List<JsonNode> out = new ArrayList<>();
        r.json().get("orders").forEach(out::add);
        return out;
    }

    /** One order with its history, as the admin API shows it. */
    public static JsonNode orderDetail(String clientId, String adminKey, JsonNode order) {
        return get("/admin/sites/" + clientId + "/orders/" + order.get("orderId").asText(), adminKey).json();
    }

    /**
     * Every e-mail the target's SES received, in one shape ({@link MailStore}); a test that reads
     * e-mail back is skipped on a target that keeps none (a real account).
     */
    public static List<JsonNode> sentMail() {
        org.junit.jupiter.api.Assumptions.assumeTrue(get().target().mailStore().isPresent(),
                () -> "the " + get().target().kind().id() + " target keeps no copy of the e-mail it sends");
        return get().sentMail();
    }

    /** The e-mails the target's SES received, addressed to {@code to}. */
    public static List<JsonNode> mailTo(String to) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode m : sentMail()) {
            for (JsonNode t : m.get("destination").get("to")) {
                if (t.asText().equals(to)) {
                    out.add(m);
                }
            }
        }
        return out;
    }

    /**
     * Pauses the queue consumers once the payment-event queue is empty, so that a test about what
     * gets queued does not see what earlier tests left in flight (the payment-events function shares this stack).
     */
    public static void pauseConsumersWhenDrained() {
        await(() -> queueDepth("PaymentEventsQueue"), d -> d == 0, Duration.ofSeconds(30));
        get().pauseConsumers(true);
    }

    /** Messages on a queue: visible, in flight (received, or postponed by a runner) or delayed. */
    public static int queueDepth(String logicalId) {
        return get().queueDepth(logicalId);
    }

    /**
     * Polls until the value satisfies the condition and returns it; fails the test when the time
     * is up, saying what it waited for and the last value seen (a wait that silently returns a
     * value that never arrived lets the assertions after it pass on nothing).
     */
    public static <T> T await(String what, Supplier<T> value, Predicate<T> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T v = value.get();
        while (!done.test(v)) {
            if (System.nanoTime() >= deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what
                        + "; last value: " + v);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
            v = value.get();
        }
        return v;
    }

    /** As {@link #await(String, Supplier, Predicate, Duration)}, for a condition the value itself describes. */
    public static <T> T await(Supplier<T> value, Predicate<T> done, Duration timeout) {
        return await("the condition", value, done, timeout);
    }

    /**
     * For checks that something did NOT happen ("exactly one e-mail"): waits until every queue a
     * function consumes has stayed empty for 2.5 s (longer than a poller's batching window and a
     * receive), so that no delivery, no workflow run and no held run lease is left that could
     * still do it ({@link LocalHub#awaitQuiet}). Counted before this, a second e-mail may still be
     * on its way.
     */
    public static void awaitQuiet(Duration timeout) {
        try {
            // Sync jobs change no order and send no e-mail, and on this stack shared by every test
            // class another test's failing sync page is retried on its own schedule for minutes.
            get().awaitQuiet(Duration.ofMillis(2500), timeout, java.util.Set.of("SyncJobsQueue"));
        } catch (IllegalStateException e) {
            throw new AssertionError(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the queues to be quiet", e);
        }
    }

    public static URI base() {
        return get().baseUrl();
    }

    /** An SES event record (a bounce, a complaint) as SNS delivers it to the mail-events function. */
    /** One SQS message of the given id and JSON body, first delivery, as Lambda hands a queue's batch to a function. */
    public static com.amazonaws.services.lambda.runtime.events.SQSEvent sqsEvent(String messageId, Object body) {
        var m = new com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage();
        m.setMessageId(messageId);
        m.setReceiptHandle("receipt-" + messageId);
        m.setBody(dev.orderhub.json.Json.write(body));
        m.setAttributes(java.util.Map.of("ApproximateReceiveCount", "1"));
        var event = new com.amazonaws.services.lambda.runtime.events.SQSEvent();
        event.setRecords(java.util.List.of(m));
        return event;
    }

    public static com.amazonaws.services.lambda.runtime.events.SNSEvent snsEvent(String message) {
        var sns = new com.amazonaws.services.lambda.runtime.events.SNSEvent.SNS();
        sns.setType("Notification");
        sns.setMessageId(java.util.UUID.randomUUID().toString());
        sns.setTopicArn("arn:aws:sns:eu-west-1:123456789012:orderhub-MailEventsTopic-1EXAMPLE");
        sns.setMessage(message);
        var record = new com.amazonaws.services.lambda.runtime.events.SNSEvent.SNSRecord();
        record.setEventSource("aws:sns");
        record.setSns(sns);
        var event = new com.amazonaws.services.lambda.runtime.events.SNSEvent();
        event.setRecords(List.of(record));
        return event;
    }
}
