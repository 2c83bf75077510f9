package dev.orderhub.local.workflows;

import static dev.orderhub.local.TestHub.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.local.DemoSite;
import dev.orderhub.local.LocalHub;
import dev.orderhub.local.TestHub;
import dev.orderhub.local.sign.CallbackSigner;
import dev.orderhub.local.sign.Signers;
import dev.orderhub.order.OrderIds;
import dev.orderhub.site.AutoReply;
import dev.orderhub.site.ProviderConfig;
import dev.orderhub.site.SiteCache;
import dev.orderhub.site.DynamoSiteRepository;
import dev.orderhub.workflow.RunRequest;
import dev.orderhub.workflow.SqsRunQueue;
import dev.orderhub.workflow.ThankYouWorkflow;
import dev.orderhub.workflow.Trigger;
import dev.orderhub.workflow.Triggers;
import dev.orderhub.workflow.Workflow;
import dev.orderhub.workflow.WorkflowDispatcher;
import dev.orderhub.workflow.DynamoWorkflowRepository;
import dev.orderhub.workflow.WorkflowRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The auto-reply as the default thank-you workflow (ThankYouWorkflow), end to end: installed with
 * a site made through the admin API, installed on a site that never had it by the operator's
 * one-off migration (never by a payment), kept deleted or switched off when a site did so, and
 * never queued for a provider whose auto-reply is off. Payloads: Ko-fi donations shaped as samples/kofi/donation.json,
 * signed with the demo secrets (DemoSite).
 */
class ThankYouWorkflowIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aSiteCreatedThroughTheAdminApiHasTheDefaultWorkflow() {
        JsonNode site = TestHub.newSite("Thank-you site");
        JsonNode list = TestHub.get("/admin/sites/" + site.get("clientId").asText() + "/workflows",
                site.get("adminKey").asText()).json();
        assertThat(list.toString()).contains("\"" + ThankYouWorkflow.ID + "\"").contains("auto_reply");
    }

    @Test
    void aBrandNewSiteSendsTheThankYouForItsFirstPayment() {
        String clientId = TestHub.newSite("Brand new").get("clientId").asText();
        DemoSite.configureProviders(TestHub.stack().sites(), clientId);
        String buyer = "new-" + UUID.randomUUID() + "@example.com";

        assertThat(send(clientId, "kofi", KofiDonations.of(buyer, "ty-new"))).isEqualTo(200);

        List<JsonNode> mail = await(() -> TestHub.mailTo(buyer), m -> !m.isEmpty(), WAIT);
        assertThat(mail.get(0).get("subject").asText()).isEqualTo("Thank you, Thanks!");
    }

    /** The payment's write path reads workflows and never installs one: that is the site's creation's and the migration's job. */
    @Test
    void aPaymentOnASiteFromBeforeTheWorkflowInstallsNothing() {
        String clientId = demoConfiguredSite();
        String buyer = "before-" + UUID.randomUUID() + "@example.com";

        assertThat(send(clientId, "kofi", KofiDonations.of(buyer, "ty-before"))).isEqualTo(200);

        await(() -> TestHub.stack().orders().find(clientId, OrderIds.of(clientId, "kofi", "ty-before")), o -> o.isPresent(), WAIT);
        TestHub.awaitQuiet(WAIT);
        assertThat(TestHub.stack().workflows().findVersion(clientId, ThankYouWorkflow.ID, 1)).as("not installed by a payment").isEmpty();
        assertThat(TestHub.mailTo(buyer)).isEmpty();
    }

    @Test
    void anExistingSiteGetsItFromTheMigrationAndThenTheBuyerOneEmail() {
        String clientId = demoConfiguredSite();
        assertThat(TestHub.stack().workflows().find(clientId, ThankYouWorkflow.ID)).as("a site from before the workflow").isEmpty();

        migrateAllSites();

        Workflow installed = TestHub.stack().workflows().find(clientId, ThankYouWorkflow.ID).orElseThrow();
        assertThat(installed.version()).isEqualTo(1);
        assertThat(installed.enabled()).isTrue();
        String buyer = "thanks-" + UUID.randomUUID() + "@example.com";
        assertThat(send(clientId, "kofi", KofiDonations.of(buyer, "ty-1"))).isEqualTo(200);
        List<JsonNode> mail = await(() -> TestHub.mailTo(buyer), m -> !m.isEmpty(), WAIT);
        assertThat(mail.get(0).get("subject").asText()).isEqualTo("Thank you, Thanks!");
        assertThat(mail.get(0).get("body").get("text").asText()).contains("3.00 USD");
        TestHub.awaitQuiet(WAIT);
        assertThat(TestHub.mailTo(buyer)).hasSize(1);
    }

    @Test
    void theMigrationRunTwiceInstallsOnce() {
        String clientId = demoConfiguredSite();

        int first = migrateAllSites();
        int second = migrateAllSites();

        assertThat(first).as("installed by the first run").isGreaterThanOrEqualTo(1);
        assertThat(second).as("installed by the second run").isZero();
        assertThat(versionItems(clientId)).as("one stored version").isEqualTo(1);
        assertThat(TestHub.stack().workflows().find(clientId, ThankYouWorkflow.ID).orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void aDefaultTheSellerDeletedOrSwitchedOffStaysSoAfterTheMigration() {
        JsonNode deleting = TestHub.newSite("Deletes the default");
        JsonNode disabling = TestHub.newSite("Switches the default off");
        String path = "/workflows/" + ThankYouWorkflow.ID;
        assertThat(admin(deleting, "DELETE", path, null).status()).isEqualTo(204);
        JsonNode off = ThankYouWorkflow.definition().put("enabled", false);
        assertThat(admin(disabling, "PUT", path, off).status()).isEqualTo(200);

        migrateAllSites();

        assertThat(admin(deleting, "GET", path, null).status()).as("deleted stays deleted").isEqualTo(404);
        JsonNode still = admin(disabling, "GET", path, null).json();
        assertThat(still.get("version").asLong()).isEqualTo(2);
        assertThat(still.get("definition").get("enabled").asBoolean()).as("off stays off").isFalse();
    }

    @Test
    void aProviderWithItsAutoReplyOffGetsNoRunAndNoEmail() throws Exception {
        String clientId = demoConfiguredSite();
        ProviderConfig kofi = TestHub.stack().sites().findConfig(clientId, "kofi").orElseThrow();
        TestHub.stack().sites().putConfig(clientId, new ProviderConfig(kofi.provider(), kofi.secrets(),
                kofi.settings(), AutoReply.OFF));
        String buyer = "off-" + UUID.randomUUID() + "@example.com";

        assertThat(send(clientId, "kofi", KofiDonations.of(buyer, "ty-3"))).isEqualTo(200);

        String orderId = OrderIds.of(clientId, "kofi", "ty-3");
        await(() -> TestHub.stack().orders().find(clientId, orderId), o -> o.isPresent(), WAIT);
        TestHub.awaitQuiet(WAIT);
        assertThat(TestHub.mailTo(buyer)).isEmpty();
        var order = TestHub.stack().orders().find(clientId, orderId).orElseThrow();
        assertThat(TestHub.stack().workflowRuns().findForOrder(clientId, ThankYouWorkflow.ID, "order.paid", orderId,
                order.appliedEvents())).as("no run queued").isEmpty();
        assertThat(order.outbox()).as("no trigger noted").isEmpty();
        assertThat(order.attributes()).doesNotContainKey("hub.workflow.pending");
    }

    /**
     * The payment-events function's list of the site's workflows was read (or remembered, SiteCache) before
     * another container installed the default workflow: the paid order still gets its run.
     */
    @Test
    void anOrderPaidJustAsAnotherContainerInstallsTheWorkflowStillGetsItsRun() {
        String clientId = demoConfiguredSite();
        LocalHub hub = TestHub.get();
        SiteCache cache = new SiteCache(Duration.ofMinutes(5));
        WorkflowRepository remembered = new DynamoWorkflowRepository(hub.dynamoDb(), hub.tableName("HubTable"), cache);
        assertThat(remembered.list(clientId)).as("read before the install").isEmpty();
        assertThat(TestHub.stack().thankYouWorkflow().install(clientId)).as("another container installs it").isPresent();

        WorkflowDispatcher dispatcher = new WorkflowDispatcher(remembered,
                new DynamoSiteRepository(hub.dynamoDb(), hub.tableName("HubTable"), cache, TestHub.stack().sealer()),
                new SqsRunQueue(hub.sqs(), "unused"));
        List<RunRequest> runs = dispatcher.runsFor(clientId, "order-1", "kofi",
                List.of(new Triggers.Fired(Trigger.ORDER_PAID, "evt-1")), null);
        assertThat(runs).extracting(RunRequest::workflowId).containsExactly(ThankYouWorkflow.ID);
    }

    /** Runs the operator's one-off migration over every site, page by page; returns how many sites it installed the workflow on. */
    private static int migrateAllSites() {
        int installed = 0;
        String cursor = null;
        do {
            TestHub.Response r = TestHub.send("POST", "/admin/migrations/default-workflow?limit=100"
                    + (cursor == null ? "" : "&cursor=" + java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8)),
                    "application/json", "{}",
                    Map.of("authorization", "Bearer " + TestHub.get().operatorKey()));
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            installed += r.json().get("installed").asInt();
            cursor = r.json().path("next").isTextual() ? r.json().get("next").asText() : null; // absent on the last page
        } while (cursor != null);
        return installed;
    }

    private static long versionItems(String clientId) {
        LocalHub hub = TestHub.get();
        return hub.dynamoDb().query(q -> q.tableName(hub.tableName("HubTable"))
                .keyConditionExpression("pk = :pk AND begins_with(sk, :v)")
                .expressionAttributeValues(Map.of(
                        ":pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("SITE#" + clientId + "#WORKFLOWS"),
                        ":v", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("WFV#" + ThankYouWorkflow.ID + "#")))
                .consistentRead(true)).count();
    }

    private static TestHub.Response admin(JsonNode site, String method, String path, Object body) {
        return TestHub.send(method, "/admin/sites/" + site.get("clientId").asText() + path,
                body == null ? null : "application/json", body == null ? null : dev.orderhub.json.Json.write(body),
                Map.of("authorization", "Bearer " + site.get("adminKey").asText()));
    }

    /** A site made straight through the repository, as before this workflow existed, with the demo providers. */
    private static String demoConfiguredSite() {
        TestHub.get();
        String clientId = "site_ty" + Long.toString(System.nanoTime(), 36);
        TestHub.stack().sites().create(clientId, "Thank-you");
        DemoSite.configureProviders(TestHub.stack().sites(), clientId);
        return clientId;
    }

    private static int send(String clientId, String provider, String payload) {
        CallbackSigner.Signed s = Signers.find(provider).orElseThrow()
                .sign(payload, DemoSite.SECRETS.get(provider), Instant.now(), Map.of());
        return TestHub.send("POST", "/callbacks/" + provider + "/" + clientId, s.contentType(), s.body(), s.headers()).status();
    }

    /** Ko-fi donation payloads, shaped as samples/kofi/donation.json. */
    private static final class KofiDonations {
        static String of(String email, String transactionId) {
            return "{\"message_id\":\"" + transactionId + "-msg\",\"timestamp\":\"2026-01-01T12:00:00Z\",\"type\":\"Donation\","
                    + "\"from_name\":\"Thanks\",\"message\":\"hi\",\"amount\":\"3.00\",\"email\":\"" + email + "\","
                    + "\"currency\":\"USD\",\"kofi_transaction_id\":\"" + transactionId + "\",\"is_public\":true}";
        }
    }
}
