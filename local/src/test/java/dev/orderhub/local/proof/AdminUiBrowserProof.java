package dev.orderhub.local.proof;

import static dev.orderhub.local.TestHub.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderhub.json.Json;
import dev.orderhub.local.LocalHub;
import dev.orderhub.local.SeededOrders;
import dev.orderhub.local.SiteWithIntents;
import dev.orderhub.local.TestHub;
import dev.orderhub.order.Order;
import dev.orderhub.order.OrderStatus;
import dev.orderhub.testing.Requests;
import dev.orderhub.testing.Samples;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The admin page in a real browser: headless Chromium driven by Playwright (local/src/test/ui/review.spec.mjs)
 * against the local stack. This test seeds what the page must show (a Ko-fi payment of 5.00 whose buyer's
 * intent was for 3.00, so it waits for review without candidates, and one of 7.00 that two intents fit),
 * runs the script and checks its result through the API.
 * Screenshots of every step land in local/target/ui-screenshots/; those of every screen (second test) in
 * local/target/screenshots/. Without Chromium the test is skipped on
 * a developer's machine and fails in CI (CI=true), where .ci/run installs it.
 */
class AdminUiBrowserProof extends SiteWithIntents {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @Test
    void anAdminConfirmsAPaymentInTheBrowser() throws Exception {
        requireChromium();
        Path root = LocalHub.findRoot();
        assertThat(root.resolve("node_modules/playwright-core/package.json"))
                .as("playwright-core is installed (npm ci)").exists();
        assertThat(TestHub.putProvider(clientId, "kofi", adminKey, Map.of("autoReply", Map.of("enabled", true,
                "from", "no-reply@example.com", "subject", "Thank you {{buyerName}}", "body", "Thanks for {{amount}} {{currency}}")))
                .status()).isEqualTo(200);
        JsonNode intent = createIntent(buyer, "3.00");
        String orderId = donate("no reference, sorry", "5.00");
        assertThat(order(orderId).get("match").get("review").asText()).isEqualTo("needed");
        createIntent(buyer, "7.00");
        createIntent(buyer, "7.00");
        String ambiguousOrderId = donate("two intents fit", "7.00");
        assertThat(order(ambiguousOrderId).get("match").get("candidates")).hasSize(2);
        String saleOrderId = donate("from the Ko-fi shop", "12.00"); // no intent at all: confirmed without one
        String strayOrderId = donate("sent twice by mistake", "2.00"); // needs no confirmation: dismissed

        Path shots = root.resolve("local/target/ui-screenshots");
        String output = runScript(root, "review.spec.mjs", Map.of(
                "CLIENT_ID", clientId,
                "ADMIN_KEY", adminKey,
                "ORDER_ID", orderId,
                "INTENT_ID", intent.get("intentId").asText(),
                "AMBIGUOUS_ORDER_ID", ambiguousOrderId,
                "BUYER_EMAIL", buyer,
                "MAIL_URL", TestHub.get().mailUrl().toString(),
                "SCREENSHOT_DIR", shots.toString(),
                "SALE_ORDER_ID", saleOrderId,
                "STRAY_ORDER_ID", strayOrderId));
        assertThat(output).contains("ok review-queue-korean", "matched a candidate", "ok matched", "confirmed without an intent",
                "dismissed with a reason",
                "status done", "reply listed", "ok sales", "UI TEST PASSED");
        assertThat(shots.resolve("01-sign-in-korean.png")).exists();
        try (var files = Files.list(shots)) {
            assertThat(files.filter(f -> f.toString().endsWith(".png")).count()).isGreaterThanOrEqualTo(9);
        }

        // What the admin did in the page is what the hub now holds.
        JsonNode after = order(orderId);
        assertThat(after.get("match").get("intentId").asText()).isEqualTo(intent.get("intentId").asText());
        assertThat(after.get("match").get("review").asText()).isEqualTo("resolved");
        assertThat(after.get("status").asText()).isEqualTo("done");
        assertThat(after.get("audit")).extracting(a -> a.get("action").asText()).containsExactly("match", "status", "reply");
        List<JsonNode> mail = await(() -> TestHub.mailTo(buyer), m -> m.size() >= 2, WAIT);
        assertThat(mail).extracting(m -> m.get("subject").asText()).contains("Thank you Ko-fi Team")
                .anySatisfy(s -> assertThat(s).startsWith("Your sticker"));
        assertThat(order(ambiguousOrderId).get("match").get("review").asText()).isEqualTo("resolved");
        assertThat(order(strayOrderId).get("match").get("review").asText()).isEqualTo("dismissed");
        // ...and the buyer's page sees it: the intent now shows the order's status.
        TestHub.Response status = TestHub.get(intent.get("statusPath").asText() + "?token=" + intent.get("statusToken").asText(), null);
        assertThat(status.json().get("status").asText()).isEqualTo("done");
    }

    /**
     * Every screen a seller runs the shop from (local/src/test/ui/screens.spec.mjs): the navigation hidden before
     * sign-in, the orders filtered by the server with totals and export, a key issued to a named person and revoked
     * with the audit trail naming them, a template installed and its run seen, the orders table on a 390 px screen.
     * Screenshots of every screen, desktop and 390 px, land in local/target/screenshots/.
     */
    @Test
    void aSellerRunsTheShopFromEveryScreen() throws Exception {
        requireChromium();
        Path root = LocalHub.findRoot();
        String sender = TestHub.get("/admin/sites/" + clientId + "/mail", adminKey).json().get("deploymentSender").asText();
        String payer = "paid-" + java.util.UUID.randomUUID() + "@example.com";
        String paidOrderId = donate("thanks!", "4.00", "USD", payer);
        Order test = SeededOrders.save(clientId, 1, "stripe", OrderStatus.PAID, 900, "USD", 0, "Tess", "tess@example.com", null,
                true, java.time.Instant.now().toString(), Map.of());
        ObjectNode data = (ObjectNode) Json.parse(Samples.read("kofi/donation.json"));
        data.put("verification_token", token);
        data.put("message_id", "msg-" + java.util.UUID.randomUUID());
        data.put("kofi_transaction_id", "txn-" + java.util.UUID.randomUUID());
        data.put("email", "later-" + java.util.UUID.randomUUID() + "@example.com");
        data.put("timestamp", java.time.Instant.now().toString());
        String label = "Min-ji <b>Kim</b> & co";

        Path shots = root.resolve("local/target/screenshots");
        String output = runScript(root, "screens.spec.mjs", Map.of(
                "CLIENT_ID", clientId,
                "ADMIN_KEY", adminKey,
                "PAID_ORDER_ID", paidOrderId,
                "TEST_ORDER_ID", test.orderId(),
                "BUYER_EMAIL", payer,
                "SENDER", sender,
                "CALLBACK_BODY", Requests.form("data", data.toString()),
                "KEY_LABEL", label,
                "SCREENSHOT_DIR", shots.toString()));
        assertThat(output).contains("ok nav hidden before sign-in", "ok key labelled, shown once, revoked, audit shows the label",
                "ok orders filtered by the server, totals, export", "ok 390 px orders show amount and status",
                "ok template installed and its run seen", "ok screenshots", "UI TEST PASSED");
        for (String screen : List.of("sign-in", "review", "orders", "order", "sales", "workflows", "dead-letters", "keys", "settings")) {
            assertThat(shots.resolve(screen + "-desktop.png")).exists();
            assertThat(shots.resolve(screen + "-390.png")).exists();
        }

        // What the seller did in the page is what the hub now holds.
        JsonNode audit = order(paidOrderId).get("audit");
        assertThat(audit).extracting(a -> a.get("byLabel").asText()).containsExactly(label);
        JsonNode keys = TestHub.get("/admin/sites/" + clientId + "/keys", adminKey).json().get("keys");
        assertThat(keys).as("the labelled key was revoked").noneMatch(k -> label.equals(k.path("label").asText()));
        JsonNode workflows = TestHub.get("/admin/sites/" + clientId + "/workflows", adminKey).json().get("workflows");
        assertThat(workflows).anyMatch(w -> w.get("definition").get("trigger").asText().equals("order.paid")
                && w.get("definition").path("enabled").asBoolean(true));
    }

    /**
     * Connecting a provider from the page (local/src/test/ui/providers.spec.mjs): the seller types Ko-fi's new
     * verification token into the Providers screen; a donation carrying it is then accepted and one carrying any other
     * token refused, and the Deliveries screen shows the first queued with its order and the second with the server's
     * explanation. Screenshots of both screens, desktop and 390 px, land in local/target/screenshots/.
     */
    @Test
    void aSellerConnectsKofiAndSeesItsDeliveries() throws Exception {
        requireChromium();
        Path root = LocalHub.findRoot();
        java.time.Instant before = java.time.Instant.now();
        String newToken = java.util.UUID.randomUUID().toString();
        String txn = "txn-" + java.util.UUID.randomUUID();
        Path shots = root.resolve("local/target/screenshots");
        String output = runScript(root, "providers.spec.mjs", Map.of(
                "CLIENT_ID", clientId,
                "ADMIN_KEY", adminKey,
                "NEW_TOKEN", newToken,
                "CALLBACK_BODY", kofiDonation(newToken, txn),
                "WRONG_TOKEN_BODY", kofiDonation(token, "txn-" + java.util.UUID.randomUUID()), // the token the page replaced
                "SCREENSHOT_DIR", shots.toString()));
        assertThat(output).contains("ok navigation has providers and deliveries", "ok ko-fi connected from the page, the token not shown back",
                "ok deliveries show the queued one with its order and the refusal with its explanation", "ok the delivery opens its order",
                "ok screenshots", "UI TEST PASSED");
        for (String screen : List.of("providers", "deliveries")) {
            assertThat(shots.resolve(screen + "-desktop.png")).exists();
            assertThat(shots.resolve(screen + "-390.png")).exists();
        }

        // What the seller did in the page is what the hub now holds: the token set when the page saved it...
        JsonNode kofi = TestHub.get("/admin/sites/" + clientId + "/providers/kofi", adminKey).json();
        assertThat(kofi.get("secrets").get("verificationToken").get("set").asBoolean()).isTrue();
        assertThat(java.time.Instant.parse(kofi.get("secrets").get("verificationToken").get("setAt").asText())).isAfterOrEqualTo(before);
        assertThat(kofi.toString()).doesNotContain(newToken);
        // ...the donation carrying it became an order, the other one was refused for its token.
        JsonNode order = await(() -> orderWithRef(txn), o -> o != null, WAIT);
        assertThat(order).as("the donation signed with the token typed into the page is an order").isNotNull();
        JsonNode refused = TestHub.get("/admin/sites/" + clientId + "/deliveries?outcome=refused", adminKey).json().get("deliveries");
        assertThat(refused).extracting(d -> d.get("reason").asText()).containsExactly("INVALID_TOKEN");
    }

    /**
     * A dead letter's payload and an auto-reply preview in the page (local/src/test/ui/dead-letters.spec.mjs): a Ko-fi
     * event of the site about one of its orders fails five times, carrying a verification token; the seller opens its
     * payload (as text, without the token) and its order, then previews a draft auto-reply with a sample order and sees
     * a file include refused beside the body field. Screenshots, desktop and 390 px, land in local/target/screenshots/.
     */
    @Test
    void aSellerOpensADeadLettersPayloadAndPreviewsAnAutoReply() throws Exception {
        requireChromium();
        Path root = LocalHub.findRoot();
        String orderRef = "txn-" + java.util.UUID.randomUUID();
        Order order = new Order(clientId, dev.orderhub.order.OrderIds.of(clientId, "kofi", orderRef), "kofi", orderRef,
                OrderStatus.PAID, OrderStatus.PAID, dev.orderhub.money.Money.ofMinor(400, "USD"), null, 0, false, "Ann",
                "ann@example.com", null, List.of(), null, false, "2025-03-01T00:00:00Z", "2025-03-01T00:00:00Z",
                java.util.Set.of("seed-" + orderRef), Map.of(), null, null, 0);
        assertThat(dev.orderhub.local.TestHub.stack().orders().save(order, 0)).isTrue();
        String eventId = "bad-" + java.util.UUID.randomUUID();
        String secret = "token-" + java.util.UUID.randomUUID();
        String body = Json.write(Map.of("clientId", clientId, "provider", "kofi", "eventId", eventId, "orderRef", orderRef,
                "kind", "NO_SUCH_KIND", "verification_token", secret, "raw", Json.write(Map.of("verification_token", secret))));
        LocalHub hub = TestHub.get();
        hub.sqs().sendMessage(b -> b.queueUrl(hub.queueUrl("PaymentEventsQueue")).messageBody(body));
        await(() -> TestHub.get("/admin/sites/" + clientId + "/dead-letters", adminKey).json().get("deadLetters"),
                l -> l.toString().contains(eventId), java.time.Duration.ofSeconds(60));

        Path shots = root.resolve("local/target/screenshots");
        String output = runScript(root, "dead-letters.spec.mjs", Map.of(
                "CLIENT_ID", clientId,
                "ADMIN_KEY", adminKey,
                "EVENT_ID", eventId,
                "SECRET_TOKEN", secret,
                "ORDER_ID", order.orderId(),
                "SCREENSHOT_DIR", shots.toString()));
        assertThat(output).contains("ok dead letter payload shown as text without the token", "ok the dead letter opens its order",
                "ok auto-reply previewed with a sample order", "ok a file include is refused beside the body field", "UI TEST PASSED");
        for (String screen : List.of("dead-letters-payload", "settings-preview", "settings-preview-refused")) {
            assertThat(shots.resolve(screen + "-desktop.png")).exists();
            assertThat(shots.resolve(screen + "-390.png")).exists();
        }
    }

    /**
     * The Order screen's history (local/src/test/ui/history.spec.mjs): a Ko-fi donation sent with a User-Agent holding
     * markup and an API key in a header of its own; its history entry expands to the request headers, the markup shown
     * as text, the key's value removed, the token not in the body; in English and Korean. Screenshots, desktop and
     * 390 px, land in local/target/screenshots/.
     */
    @Test
    void theOrderScreenShowsAHistoryEntrysHeadersAsText() throws Exception {
        requireChromium();
        Path root = LocalHub.findRoot();
        String txn = "txn-" + java.util.UUID.randomUUID();
        String userAgent = "Ko-fi Webhooks <img src=x onerror=\"window.__pwned=1\">";
        String apiKey = "sk_live_" + java.util.UUID.randomUUID();
        TestHub.Response sent = TestHub.send("POST", "/callbacks/kofi/" + clientId, "application/x-www-form-urlencoded",
                kofiDonation(token, txn), Map.of("User-Agent", userAgent, "X-Api-Key", apiKey));
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        JsonNode order = await(() -> orderWithRef(txn), o -> o != null, WAIT);
        assertThat(order).isNotNull();
        JsonNode headers = order(order.get("orderId").asText()).get("history").get(0).get("headers");
        assertThat(headers.get("user-agent").asText()).isEqualTo(userAgent);
        assertThat(headers.toString()).doesNotContain(apiKey);

        Path shots = root.resolve("local/target/screenshots");
        String output = runScript(root, "history.spec.mjs", Map.of(
                "CLIENT_ID", clientId,
                "ADMIN_KEY", adminKey,
                "ORDER_ID", order.get("orderId").asText(),
                "USER_AGENT", userAgent,
                "SCREENSHOT_DIR", shots.toString()));
        assertThat(output).contains("ok the history entry expands to its request headers",
                "ok a header value holding markup appears as text", "ok the raw body is shown without the token", "ok korean",
                "ok screenshots", "UI TEST PASSED");
        for (String screen : List.of("order-history", "order-history-korean")) {
            assertThat(shots.resolve(screen + "-desktop.png")).exists();
            assertThat(shots.resolve(screen + "-390.png")).exists();
        }
    }

    private String kofiDonation(String verificationToken, String txn) {
        ObjectNode data = (ObjectNode) Json.parse(Samples.read("kofi/donation.json"));
        data.put("verification_token", verificationToken);
        data.put("message_id", "msg-" + java.util.UUID.randomUUID());
        data.put("kofi_transaction_id", txn);
        data.put("email", "fan-" + java.util.UUID.randomUUID() + "@example.com");
        data.put("timestamp", java.time.Instant.now().toString());
        return Requests.form("data", data.toString());
    }

    private JsonNode orderWithRef(String txn) {
        for (JsonNode o : TestHub.get("/admin/sites/" + clientId + "/orders?limit=200", adminKey).json().get("orders")) {
            if (o.get("orderRef").asText().equals(txn)) {
                return o;
            }
        }
        return null;
    }

    /** Runs a script of local/src/test/ui/ with the stack's address and env; its output, once it exited 0. */
    private static String runScript(Path root, String script, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("node", root.resolve("local/src/test/ui/" + script).toString())
                .directory(root.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        pb.environment().put("BASE_URL", TestHub.base().toString().replaceAll("/$", ""));
        pb.environment().put("CHROMIUM", CHROMIUM.toString());
        Process p = pb.start();
        byte[] out;
        try (var in = p.getInputStream()) {
            out = in.readAllBytes(); // ends when the script exits (or is killed below)
        }
        if (!p.waitFor(150, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("the browser script did not finish in 150 s:\n" + new String(out, StandardCharsets.UTF_8));
        }
        String output = new String(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(output).isZero();
        return output;
    }

    private static void requireChromium() {
        if (Files.isExecutable(CHROMIUM)) {
            return;
        }
        String message = CHROMIUM + " is missing: install the Debian package 'chromium' (apt-get install -y chromium; .ci/run does)";
        if ("true".equals(System.getenv("CI"))) {
            fail(message);
        }
        Assumptions.abort(message + "; skipped outside CI");
    }
}
