package dev.orderhub.local.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderhub.db.Ids;
import dev.orderhub.event.EventKind;
import dev.orderhub.event.PaymentEvent;
import dev.orderhub.json.Json;
import dev.orderhub.local.SamTemplate;
import dev.orderhub.local.TestHub;
import dev.orderhub.local.callbacks.DeadLetterIT;
import dev.orderhub.local.orders.IntentsIT;
import dev.orderhub.money.Money;
import dev.orderhub.provider.stripe.StripeSignature;
import dev.orderhub.testing.Requests;
import dev.orderhub.testing.Samples;
import com.github.tomakehurst.wiremock.client.WireMock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every admin route that takes an id, tried by site A's owner key with ids that really exist on
 * site B: B's order, workflow (and its runs), admin key, intent, dead letter, sync job and
 * subscription. Made-up ids would answer 404 with or without the site check; real ones only
 * answer 404 because of it. Each route is tried three ways: on B's path with A's key; on A's path
 * with B's ids; and, where the body names an id (a manual match's intent, a dry run's order), on
 * A's path with A's ids and B's id in the body. Every answer must be a refusal that names nothing
 * of B, and after each try B's whole state, as B's own key reads it, must be unchanged.
 */
class CrossSiteIdsIsolationIT {
    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final Map<String, Object> TAG_WORKFLOW = Map.of("name", "tag paid", "trigger", "order.paid",
            "actions", List.of(Map.of("type", "add_order_tag", "tag", "seen")));

    /** A site and the ids of what it owns. */
    private record Site(String clientId, String name, String key, String kofiToken, String stripeSecret, Map<String, String> ids) {
        String id(String name) {
            return ids.get(name);
        }
    }

    @Test
    void everyIdRouteWithTheOtherSitesRealIdsIsRefusedAndChangesNothing() {
        Site a = populated("Iso ids A " + Ids.random(6));
        Site b = populated("Iso ids B " + Ids.random(6));
        Map<String, String> before = state(b);
        List<String> failures = new ArrayList<>();
        int tried = 0;
        for (SamTemplate.Route route : TestHub.get().template().routes()) {
            if (!route.path().startsWith("/admin/") || route.path().startsWith("/admin/ui")) {
                continue;
            }
            // 1. B's path and B's ids, A's key.
            tried += probe(failures, "B's path", route, b, b, b, a, b, before);
            // 2. A's path, B's ids in the path and the body: only routes that take an id.
            if (takesId(route) && !route.path().equals("/admin/sites/{clientId}")) {
                tried += probe(failures, "A's path, B's ids", route, a, b, b, a, b, before);
            }
            // 3. A's path and ids, B's id in the body.
            if (route.path().endsWith("/match") || route.path().endsWith("/dry-run")) {
                tried += probe(failures, "A's path, B's id in the body", route, a, a, b, a, b, before);
            }
        }
        assertThat(failures).as("cross-site tries answered or changed something").isEmpty();
        assertThat(tried).as("tries").isGreaterThan(50);
        System.out.println("CrossSiteIdsIsolationIT: " + tried + " cross-site tries, B unchanged after each");
    }

    /** One try; returns 1. A failure is recorded, not thrown, so that one run lists every route at fault. */
    private static int probe(List<String> failures, String how, SamTemplate.Route route, Site pathSite, Site pathIds, Site bodyIds,
            Site caller, Site victim, Map<String, String> before) {
        String path = path(route, pathSite, pathIds);
        String body = body(route, bodyIds);
        TestHub.Response r = TestHub.send(route.method(), path, body == null ? null : "application/json", body,
                Map.of("authorization", "Bearer " + caller.key()));
        String what = route.routeKey() + " (" + how + ") " + path + " " + (body == null ? "" : body) + " -> " + r.status()
                + " " + r.body();
        boolean onVictimsPath = pathSite == victim;
        if (route.path().equals("/admin/sites") && route.method().equals("GET")) {
            if (r.status() != 200) {
                failures.add(what + ": a site key lists its own sites");
            }
        } else if (onVictimsPath || route.path().startsWith("/admin/dead-letters") || route.path().equals("/admin/sites")) {
            if (r.status() != 401 && r.status() != 403 && r.status() != 404) {
                failures.add(what + ": expected 401/403/404");
            }
        } else if (route.path().endsWith("/runs") && route.method().equals("GET")) {
            // A's run list for an id A has no workflow under: empty, whoever owns that id elsewhere.
            if (r.status() != 404 && !(r.status() == 200 && r.json().get("runs").isEmpty())) {
                failures.add(what + ": expected 404 or an empty list");
            }
        } else if (r.status() < 400 || r.status() >= 500) {
            failures.add(what + ": expected a 4xx for another site's id");
        }
        // An id the caller sent may be echoed back (an error naming the intent it was given); any other is a leak.
        String sent = path + " " + body;
        String leaked = victim.ids().values().stream().filter(id -> r.body().contains(id) && !sent.contains(id)).findFirst()
                .orElse(r.body().contains(victim.name()) ? victim.name() : null);
        if (leaked != null) {
            failures.add(what + ": names " + leaked + " of the other site");
        }
        Map<String, String> after = state(victim);
        before.forEach((view, json) -> {
            if (!json.equals(after.get(view))) {
                failures.add(what + ": changed B's " + view + "\n  before " + json + "\n  after  " + after.get(view));
            }
        });
        return 1;
    }

    private static boolean takesId(SamTemplate.Route route) {
        return route.path().contains("{orderId}") || route.path().contains("{workflowId}") || route.path().contains("{keyId}")
                || route.path().contains("{messageId}"); // {provider} names a provider, which both sites configure
    }

    private static String path(SamTemplate.Route route, Site site, Site ids) {
        return route.path().replace("{clientId}", site.clientId()).replace("{orderId}", ids.id("order"))
                .replace("{workflowId}", ids.id("workflow")).replace("{keyId}", ids.id("key"))
                .replace("{messageId}", ids.id("deadLetter")).replace("{provider}", "stripe")
                .replace("{name}", "thank-you-on-paid");
    }

    /** A valid body for each changing route, so that a missing check would change something. */
    private static String body(SamTemplate.Route route, Site ids) {
        String p = route.path();
        String m = route.method();
        if (m.equals("GET") || m.equals("DELETE")) {
            return null;
        }
        Object body;
        if (p.equals("/admin/sites")) {
            body = Map.of("name", "stolen");
        } else if (p.equals("/admin/sites/{clientId}")) {
            body = Map.of("name", "renamed by another site", "status", "disabled");
        } else if (p.endsWith("/providers/{provider}")) {
            body = Map.of("webhookSecret", "whsec_" + Ids.random(24));
        } else if (p.endsWith("/sync/{provider}")) {
            body = Map.of("mode", "backfill", "since", "2023-01-01");
        } else if (p.endsWith("/schedule")) {
            body = Map.of("enabled", true, "intervalMinutes", 60);
        } else if (p.endsWith("/settings")) {
            body = Map.of("replyFrom", "thief@example.com", "autoMatch", false);
        } else if (p.endsWith("/match")) {
            body = Map.of("intentId", ids.id("intent"));
        } else if (p.endsWith("/status")) {
            body = Map.of("status", "canceled", "reason", "another site");
        } else if (p.endsWith("/reply")) {
            body = Map.of("subject", "hi", "body", "from another site");
        } else if (p.endsWith("/discard")) {
            body = Map.of("reason", "another site");
        } else if (p.endsWith("/redrive")) {
            body = Map.of();
        } else if (p.endsWith("/keys")) {
            body = Map.of("role", "owner");
        } else if (p.endsWith("/workflows") || p.endsWith("/workflows/{workflowId}")) {
            body = Map.of("name", "replaced", "trigger", "order.paid", "enabled", false,
                    "actions", List.of(Map.of("type", "add_order_tag", "tag", "stolen")));
        } else if (p.endsWith("/dry-run")) {
            body = Map.of("orderId", ids.id("order"));
        } else if (p.endsWith("/install")) {
            body = Map.of("from", "thief@example.com", "enabled", true);
        } else if (p.endsWith("/risk-rules")) {
            body = Map.of("velocityCount", 999, "countryMismatch", false);
        } else {
            body = Map.of();
        }
        return Json.write(body);
    }

    /** Everything of a site its own key can read, view by view, plus its intent as the store holds it. */
    private static Map<String, String> state(Site s) {
        String base = "/admin/sites/" + s.clientId();
        Map<String, String> out = new LinkedHashMap<>();
        for (String view : List.of("", "/settings", "/providers/kofi", "/providers/stripe", "/keys", "/orders",
                "/orders/" + s.id("order"), "/review", "/workflows", "/workflows/" + s.id("workflow"),
                "/workflows/" + s.id("workflow") + "/runs", "/risk-rules", "/dead-letters", "/sync/stripe",
                "/sync/stripe/schedule", "/subscriptions")) {
            TestHub.Response r = TestHub.get(base + view, s.key());
            out.put(view.isEmpty() ? "site" : view, r.status() + " " + r.body());
        }
        out.put("intent", String.valueOf(TestHub.stack().intents().find(s.clientId(), s.id("intent"), Instant.now())));
        return out;
    }

    /**
     * A site made through the admin API with one of everything: a paid Ko-fi order (unmatched, so
     * in review) with a workflow run, a workflow, a second admin key, an open intent, a dead letter,
     * a finished Stripe sync job and a Stripe subscription.
     */
    private static Site populated(String name) {
        JsonNode created = TestHub.newSite(name);
        String clientId = created.get("clientId").asText();
        String key = created.get("adminKey").asText();
        Map<String, String> auth = Map.of("authorization", "Bearer " + key);
        String kofiToken = UUID.randomUUID().toString();
        String stripeSecret = "whsec_" + Ids.random(32);
        String stripeApiKey = "sk_test_iso" + Ids.random(16);
        assertThat(TestHub.putProvider(clientId, "kofi", key, Map.of("verificationToken", kofiToken)).status()).isEqualTo(200);
        assertThat(TestHub.putProvider(clientId, "stripe", key, Map.of("webhookSecret", stripeSecret, "apiKey", stripeApiKey))
                .status()).isEqualTo(200);
        // Stripe refuses this site's API key, so that its sync job ends at once (failed) and stays so.
        TestHub.providerApis().stubFor(WireMock.any(WireMock.urlMatching("/v1/.*"))
                .withHeader("Authorization", WireMock.containing(stripeApiKey)).willReturn(WireMock.status(401)));
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("clientId", clientId);

        TestHub.Response wf = TestHub.send("POST", "/admin/sites/" + clientId + "/workflows", "application/json",
                Json.write(TAG_WORKFLOW), auth);
        assertThat(wf.status()).as(wf.body()).isEqualTo(201);
        ids.put("workflow", wf.json().get("workflowId").asText());

        ObjectNode data = (ObjectNode) Json.parse(Samples.read("kofi/donation.json"));
        String txn = "txn-iso-" + UUID.randomUUID();
        data.put("verification_token", kofiToken);
        data.put("message_id", "msg-" + UUID.randomUUID());
        data.put("kofi_transaction_id", txn);
        data.put("email", "iso-" + UUID.randomUUID() + "@example.com");
        data.put("message", "no reference");
        data.put("timestamp", Instant.now().toString());
        assertThat(TestHub.send("POST", "/callbacks/kofi/" + clientId, "application/x-www-form-urlencoded",
                Requests.form("data", data.toString()), Map.of()).status()).isEqualTo(200);

        String subscription = Samples.read("stripe/customer.subscription.created.json")
                .replace("\"id\": \"evt_", "\"id\": \"evt_iso" + Ids.random(6));
        TestHub.Response sub = TestHub.send("POST", "/callbacks/stripe/" + clientId, "application/json", subscription,
                Map.of("Stripe-Signature", StripeSignature.header(subscription.getBytes(StandardCharsets.UTF_8), stripeSecret,
                        Instant.now().getEpochSecond())));
        assertThat(sub.status()).as(sub.body()).isEqualTo(200);

        JsonNode intent = IntentsIT.createIntent(clientId,
                IntentsIT.intentBody("intent-" + UUID.randomUUID() + "@example.com", "9.99"), Map.of()).json();
        ids.put("intent", intent.get("intentId").asText());

        TestHub.Response issued = TestHub.send("POST", "/admin/sites/" + clientId + "/keys", "application/json",
                "{\"role\":\"viewer\"}", auth);
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        ids.put("key", issued.json().get("keyId").asText());

        PaymentEvent dead = new PaymentEvent(1, "msg-" + UUID.randomUUID(), "kofi", clientId, "txn-dead-" + UUID.randomUUID(),
                EventKind.PAYMENT_SUCCEEDED, Money.ofMinor(700, "EUR"), new PaymentEvent.Buyer("Dee", null), null, List.of(),
                "Donation", false, Instant.now().toString(), Instant.now().toString(), Map.of(), "application/json", "{}",
                List.of());
        DeadLetterIT.deadLettered(dev.orderhub.deadletter.DeadLetters.PAYMENT_EVENTS, "PaymentEventsDeadLetterQueue",
                Json.write(dead));
        JsonNode letters = TestHub.await(() -> TestHub.get("/admin/sites/" + clientId + "/dead-letters", key).json()
                .get("deadLetters"), l -> l.size() == 1, WAIT);
        ids.put("deadLetter", letters.get(0).get("messageId").asText());

        // A sync job that has finished (the provider API stand-in has no answer for this key: it fails, and stays so).
        TestHub.Response sync = TestHub.send("POST", "/admin/sites/" + clientId + "/sync/stripe", "application/json",
                "{\"mode\":\"backfill\",\"since\":\"2023-01-01\"}", auth);
        assertThat(sync.status()).as(sync.body()).isEqualTo(202);
        JsonNode job = TestHub.await(() -> TestHub.get("/admin/sites/" + clientId + "/sync/stripe", key).json(),
                j -> !j.path("state").asText().equals("running"), WAIT);
        assertThat(job.path("state").asText()).as(job.toString()).isNotEqualTo("running");

        JsonNode orders = TestHub.await(() -> TestHub.get("/admin/sites/" + clientId + "/orders", key).json().get("orders"),
                o -> o.size() == 1, WAIT);
        assertThat(orders).hasSize(1);
        ids.put("order", orders.get(0).get("orderId").asText());
        JsonNode runs = TestHub.await(() -> TestHub.get("/admin/sites/" + clientId + "/workflows/" + ids.get("workflow") + "/runs",
                key).json().get("runs"), r -> r.size() >= 1 && !r.toString().contains("RUNNING")
                && !r.toString().toLowerCase(java.util.Locale.ROOT).contains("\"running\""), WAIT);
        assertThat(runs).as("a workflow run of the site's order").isNotEmpty();
        TestHub.Response subs = TestHub.get("/admin/sites/" + clientId + "/subscriptions", key);
        assertThat(subs.body()).as("a subscription").contains("sub_");
        return new Site(clientId, name, key, kofiToken, stripeSecret, Map.copyOf(ids));
    }
}
