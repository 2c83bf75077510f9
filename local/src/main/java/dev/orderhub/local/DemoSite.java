package dev.orderhub.local;

import dev.orderhub.admin.AdminKeys;
import dev.orderhub.admin.AdminRole;
import dev.orderhub.http.outbound.HostResolver;
import dev.orderhub.http.outbound.OutboundAddresses;
import dev.orderhub.provider.bmc.BmcProvider;
import dev.orderhub.provider.kofi.KofiProvider;
import dev.orderhub.provider.xsolla.XsollaProvider;
import dev.orderhub.provider.shopify.ShopifyProvider;
import dev.orderhub.provider.stripe.StripeProvider;
import dev.orderhub.runtime.Stack;
import dev.orderhub.site.AutoReply;
import dev.orderhub.site.ProviderConfig;
import dev.orderhub.site.SiteRepository;
import dev.orderhub.workflow.Workflow;
import dev.orderhub.workflow.WorkflowParser;
import dev.orderhub.workflow.WorkflowRepository;
import dev.orderhub.workflow.WorkflowTemplates;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The site local mode starts with. Its client id and provider secrets are fixed and public, so
 * that the signed sample events in events/ are accepted by `invoke` and by local mode alike.
 * Never use these values anywhere real.
 */
public record DemoSite(String clientId, String adminKey) {
    public static final String CLIENT_ID = "site_demo";
    public static final String KOFI_TOKEN = "demo-kofi-verification-token";
    public static final String XSOLLA_SECRET = "demo-xsolla-project-secret";
    public static final String BMC_SIGNING_SECRET = "demo-bmc-signing-secret";
    public static final String SHOPIFY_CLIENT_SECRET = "demo-shopify-client-secret";
    public static final String STRIPE_SECRET = "whsec_demo_orderhub_local_0000";
    public static final String SENDER = "thanks@demo.orderhub.local";
    /** Public, read-only: lets the admin sample events in events/ work with `invoke`. */
    public static final String VIEWER_KEY = "ohk_demo_viewer_key_public_local_only";
    /**
     * Public owner key of the demo site only, so that the admin samples that change an order (match, status,
     * reply) work with `invoke` and `sam local invoke`. Local mode binds to loopback; never store it anywhere real.
     */
    public static final String SAMPLE_OWNER_KEY = "ohk_demo_owner_key_public_local_only";
    /** The demo site's intent and its status token, named by the buyer-status and live-status samples. */
    public static final String INTENT_ID = "in_demo0000000000000001";
    public static final String STATUS_TOKEN = "demo-status-token-public-local-only";
    /** A Ko-fi payment of the intent's amount by its buyer, without its reference: it waits for review. */
    public static final String REVIEW_ORDER_REF = "demo-review-order-1";
    private static final String FIXTURE_BUYER = "buyer@demo.orderhub.dev";

    /** Each provider's demo secrets, by the secret names the provider declares. */
    public static final Map<String, Map<String, String>> SECRETS = Map.of(
            KofiProvider.ID, Map.of(KofiProvider.VERIFICATION_TOKEN, KOFI_TOKEN),
            XsollaProvider.ID, Map.of(XsollaProvider.PROJECT_SECRET, XSOLLA_SECRET),
            BmcProvider.ID, Map.of(BmcProvider.SIGNING_SECRET, BMC_SIGNING_SECRET),
            ShopifyProvider.ID, Map.of(ShopifyProvider.CLIENT_SECRET, SHOPIFY_CLIENT_SECRET),
            StripeProvider.ID, Map.of(StripeProvider.WEBHOOK_SECRET, STRIPE_SECRET));

    /** Each provider's demo settings (non-secret). */
    public static final Map<String, Map<String, String>> SETTINGS = Map.of(
            // Xsolla's user_validation: only these users are "registered in the game" (1234567 is the docs' sample user).
            XsollaProvider.ID, Map.of(XsollaProvider.USER_VALIDATION_SETTING, "list",
                    XsollaProvider.ALLOWED_USERS_SETTING, "1234567,demo-user-1"));

    /** Providers whose orders get the demo auto-reply. */
    private static final List<String> AUTO_REPLY = List.of(KofiProvider.ID, BmcProvider.ID); // Shopify mails its own order confirmations

    /** Seeds the demo site into the stack's table (again changes nothing but issuing a fresh owner key). */
    public static DemoSite seed(Stack hub) {
        SiteRepository sites = hub.sites();
        if (sites.find(CLIENT_ID).isEmpty()) {
            sites.create(CLIENT_ID, "Demo site");
        }
        configureProviders(sites, CLIENT_ID);
        hub.thankYouWorkflow().install(CLIENT_ID); // as the admin API does for a new site: the Ko-fi and BMC thank-you
        seedMail(hub);
        seedWorkflow(hub);
        hub.adminKeys().store(VIEWER_KEY, Set.of(CLIENT_ID), AdminRole.VIEWER, "local-mode");
        hub.adminKeys().store(SAMPLE_OWNER_KEY, Set.of(CLIENT_ID), AdminRole.OWNER, "local-mode samples");
        seedReviewFixture(hub);
        AdminKeys.IssuedKey key = hub.adminKeys().issue(Set.of(CLIENT_ID), AdminRole.OWNER, "local-mode");
        return new DemoSite(CLIENT_ID, key.plaintext());
    }

    /** Every provider with its demo secrets and settings, and the demo auto-reply for Ko-fi and BMC, on a site. */
    public static void configureProviders(SiteRepository sites, String clientId) {
        String now = Instant.now().toString();
        AutoReply reply = new AutoReply(true, SENDER, "Thank you, {{buyerName}}!",
                "Hi {{buyerName}},\n\nthank you for your {{amount}} {{currency}} to {{siteName}}.\n"
                        + "Your order reference is {{orderId}}.\n");
        SECRETS.forEach((provider, secrets) -> {
            Map<String, String> setAt = new HashMap<>();
            secrets.keySet().forEach(k -> setAt.put(k, now));
            sites.putConfig(clientId, new ProviderConfig(provider, secrets, setAt,
                    SETTINGS.getOrDefault(provider, Map.of()), AUTO_REPLY.contains(provider) ? reply : AutoReply.OFF));
        });
    }

    /** The demo site's own workflow besides the default thank-you: staff hear of orders that wait for review (local mode shows the mail). */
    public static final String REVIEW_WORKFLOW_ID = "wf_demoreviewstaff1";
    public static final String STAFF = "staff@demo.orderhub.dev";

    /** As the operator and the owner would: the demo sender verified for the demo site, and its staff address. */
    private static void seedMail(Stack hub) {
        hub.siteMail().putOwnerPart(CLIENT_ID, "Demo site", List.of(STAFF));
        hub.siteMail().putVerifiedSenders(CLIENT_ID, List.of(SENDER));
    }

    /** The order id of the demo order waiting for review. */
    public static String reviewOrderId() {
        return dev.orderhub.order.OrderIds.of(CLIENT_ID, KofiProvider.ID, REVIEW_ORDER_REF);
    }

    /**
     * An open intent with a known id and status token, and a Ko-fi payment of its amount by its buyer that does
     * not carry its reference (so it waits for review with the intent as suggestion): what the samples
     * events/intents-status.json, live-status-subscribe.json and admin-order-*.json act on. Seeding again changes
     * nothing (the intent exists, the payment's event id was applied).
     */
    private static void seedReviewFixture(Stack hub) {
        Instant now = hub.clock().instant();
        dev.orderhub.money.Money amount = dev.orderhub.money.Money.ofMinor(300, "USD");
        if (hub.intents().find(CLIENT_ID, INTENT_ID, now).isEmpty()) {
            hub.intents().create(CLIENT_ID, INTENT_ID, new dev.orderhub.intent.IntentRepository.Draft("Jo Demo", FIXTURE_BUYER,
                            amount, KofiProvider.ID, "Coffee", null, false),
                    dev.orderhub.crypto.Signatures.sha256Hex(STATUS_TOKEN), now, java.time.Duration.ofDays(365));
        }
        String at = now.toString();
        hub.paymentEventProcessor().process(new dev.orderhub.event.PaymentEvent(dev.orderhub.event.PaymentEvent.SCHEMA_VERSION,
                "evt_demo_review_1", KofiProvider.ID, CLIENT_ID, REVIEW_ORDER_REF, dev.orderhub.event.EventKind.PAYMENT_SUCCEEDED,
                amount, new dev.orderhub.event.PaymentEvent.Buyer("Jo Demo", FIXTURE_BUYER), "A coffee for the demo",
                List.of(), "Donation", false, at, at, Map.of(), "application/json", "{}", List.of()));
    }

    private static void seedWorkflow(Stack hub) {
        if (hub.workflows().find(CLIENT_ID, REVIEW_WORKFLOW_ID).isPresent()) {
            return;
        }
        Workflow w = WorkflowParser.parse(WorkflowTemplates.definition("staff-on-review",
                new WorkflowTemplates.Params(SENDER, List.of(STAFF), true)), REVIEW_WORKFLOW_ID, 1, Instant.now().toString(),
                OutboundAddresses.publicOnly(HostResolver.SYSTEM));
        try {
            hub.workflows().save(CLIENT_ID, w, 0, "demo");
        } catch (WorkflowRepository.Conflict seededMeanwhile) {
            // Another seed in this stack got there first: same workflow.
        }
    }
}
