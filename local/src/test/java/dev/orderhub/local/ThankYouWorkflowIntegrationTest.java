package dev.orderhub.local;

import static dev.orderhub.local.TestHub.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.local.sign.CallbackSigner;
import dev.orderhub.local.sign.Signers;
import dev.orderhub.order.OrderIds;
import dev.orderhub.runtime.Hub;
import dev.orderhub.site.AutoReply;
import dev.orderhub.site.ProviderConfig;
import dev.orderhub.site.SiteCache;
import dev.orderhub.site.SiteRepository;
import dev.orderhub.workflow.RunRequest;
import dev.orderhub.workflow.ThankYouWorkflow;
import dev.orderhub.workflow.Trigger;
import dev.orderhub.workflow.Triggers;
import dev.orderhub.workflow.Workflow;
import dev.orderhub.workflow.WorkflowDispatcher;
import dev.orderhub.workflow.WorkflowRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The auto-reply as the default thank-you workflow (ThankYouWorkflow), end to end: installed with
 * a site made through the admin API, installed on the first paid order of a site that never had it
 * (the migration of existing sites), kept deleted when a site deleted it, and never queued for a
 * provider whose auto-reply is off. Payloads: Ko-fi donations shaped as samples/kofi/donation.json,
 * signed with the demo secrets (DemoSite).
 */
class ThankYouWorkflowIntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aSiteCreatedThroughTheAdminApiHasTheDefaultWorkflow() {
        JsonNode site = TestHub.newSite("Thank-you site");
        JsonNode list = TestHub.get("/admin/sites/" + site.get("clientId").asText() + "/workflows",
                site.get("adminKey").asText()).json();
        assertThat(list.toString()).contains("\"" + ThankYouWorkflow.ID + "\"").contains("auto_reply");
    }

    @Test
    void anExistingSiteGetsItWithItsFirstPaidOrderAndTheBuyerOneEmail() {
        String clientId = demoConfiguredSite();
        assertThat(Hub.get().workflows().find(clientId, ThankYouWorkflow.ID)).as("a site from before the workflow").isEmpty();
        String buyer = "thanks-" + UUID.randomUUID() + "@example.com";

        assertThat(send(clientId, "kofi", KofiDonations.of(buyer, "ty-1"))).isEqualTo(200);

        List<JsonNode> mail = await(() -> TestHub.mailTo(buyer), m -> !m.isEmpty(), WAIT);
        assertThat(mail.get(0).get("subject").asText()).isEqualTo("Thank you, Thanks!");
        assertThat(mail.get(0).get("body").get("text").asText()).contains("3.00 USD");
        Workflow installed = Hub.get().workflows().find(clientId, ThankYouWorkflow.ID).orElseThrow();
        assertThat(installed.version()).isEqualTo(1);
        assertThat(installed.enabled()).isTrue();
        String orderId = OrderIds.of(clientId, "kofi", "ty-1");
        assertThat(Hub.get().orders().find(clientId, orderId).orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void aSiteThatDeletedTheWorkflowSendsNoThankYou() throws Exception {
        String clientId = demoConfiguredSite();
        Hub.get().thankYouWorkflow().install(clientId);
        assertThat(Hub.get().workflows().delete(clientId, ThankYouWorkflow.ID)).isTrue();
        String buyer = "deleted-" + UUID.randomUUID() + "@example.com";

        assertThat(send(clientId, "kofi", KofiDonations.of(buyer, "ty-2"))).isEqualTo(200);

        await(() -> Hub.get().orders().find(clientId, OrderIds.of(clientId, "kofi", "ty-2")), o -> o.isPresent(), WAIT);
        TestHub.awaitQuiet(WAIT);
        assertThat(TestHub.mailTo(buyer)).isEmpty();
        assertThat(Hub.get().workflows().find(clientId, ThankYouWorkflow.ID)).as("not installed again").isEmpty();
    }

    /**
     * The store failed between the install's two writes (version 1 stored, the current item not),
     * as a DynamoDB outage did in the fault test: the next paid order finishes the install and
     * gets its thank-you. (A site that deleted the workflow keeps it deleted: the test above.)
     */
    @Test
    void anInstallThatStoppedHalfwayIsFinishedByTheNextPaidOrder() {
        String clientId = demoConfiguredSite();
        Hub.get().thankYouWorkflow().install(clientId);
        LocalHub hub = TestHub.get();
        hub.dynamoDb().deleteItem(b -> b.tableName(hub.tableName("HubTable")).key(Map.of(
                "pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("SITE#" + clientId + "#WORKFLOWS"),
                "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("WF#" + ThankYouWorkflow.ID))));
        assertThat(Hub.get().workflows().find(clientId, ThankYouWorkflow.ID)).as("half installed").isEmpty();
        String buyer = "halfway-" + UUID.randomUUID() + "@example.com";

        assertThat(send(clientId, "kofi", KofiDonations.of(buyer, "ty-5"))).isEqualTo(200);

        await("the thank-you to " + buyer, () -> TestHub.mailTo(buyer), m -> !m.isEmpty(), WAIT);
        TestHub.awaitQuiet(WAIT); // nothing left that could send it a second time
        List<JsonNode> mail = TestHub.mailTo(buyer);
        assertThat(mail).hasSize(1);
        assertThat(Hub.get().workflows().find(clientId, ThankYouWorkflow.ID)).as("finished").isPresent();
    }

    @Test
    void aProviderWithItsAutoReplyOffGetsNoRunAndNoEmail() throws Exception {
        String clientId = demoConfiguredSite();
        ProviderConfig kofi = Hub.get().sites().findConfig(clientId, "kofi").orElseThrow();
        Hub.get().sites().putConfig(clientId, new ProviderConfig(kofi.provider(), kofi.secrets(),
                kofi.settings(), AutoReply.OFF));
        String buyer = "off-" + UUID.randomUUID() + "@example.com";

        assertThat(send(clientId, "kofi", KofiDonations.of(buyer, "ty-3"))).isEqualTo(200);

        String orderId = OrderIds.of(clientId, "kofi", "ty-3");
        await(() -> Hub.get().orders().find(clientId, orderId), o -> o.isPresent(), WAIT);
        TestHub.awaitQuiet(WAIT);
        assertThat(TestHub.mailTo(buyer)).isEmpty();
        var order = Hub.get().orders().find(clientId, orderId).orElseThrow();
        assertThat(Hub.get().workflowRuns().findForOrder(clientId, ThankYouWorkflow.ID, "order.paid", orderId,
                order.appliedEvents())).as("no run queued").isEmpty();
        assertThat(order.outbox()).as("no trigger noted").isEmpty();
        assertThat(order.attributes()).doesNotContainKey("hub.workflow.pending");
    }

    /**
     * The matcher's list of the site's workflows was read (or remembered, SiteCache) before
     * another container installed the default workflow: the paid order still gets its run.
     */
    @Test
    void anOrderPaidJustAsAnotherContainerInstallsTheWorkflowStillGetsItsRun() {
        String clientId = demoConfiguredSite();
        LocalHub hub = TestHub.get();
        SiteCache cache = new SiteCache(Duration.ofMinutes(5));
        WorkflowRepository remembered = new WorkflowRepository(hub.dynamoDb(), hub.tableName("HubTable"), cache);
        assertThat(remembered.list(clientId)).as("read before the install").isEmpty();
        assertThat(Hub.get().thankYouWorkflow().install(clientId)).as("another container installs it").isPresent();

        WorkflowDispatcher dispatcher = new WorkflowDispatcher(remembered,
                new ThankYouWorkflow(remembered, new SiteRepository(hub.dynamoDb(), hub.tableName("HubTable"), cache, Hub.get().sealer()),
                        java.time.Clock.systemUTC()), hub.sqs(), "unused");
        List<RunRequest> runs = dispatcher.runsFor(clientId, "order-1", "kofi",
                List.of(new Triggers.Fired(Trigger.ORDER_PAID, "evt-1")), null);
        assertThat(runs).extracting(RunRequest::workflowId).containsExactly(ThankYouWorkflow.ID);
    }

    /** A site made straight through the repository, as before this workflow existed, with the demo providers. */
    private static String demoConfiguredSite() {
        TestHub.get();
        String clientId = "site_ty" + Long.toString(System.nanoTime(), 36);
        Hub.get().sites().create(clientId, "Thank-you");
        DemoSite.configureProviders(Hub.get().sites(), clientId);
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
