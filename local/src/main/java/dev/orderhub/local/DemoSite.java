package dev.orderhub.local;

import dev.orderhub.admin.AdminKeys;
import dev.orderhub.admin.AdminRole;
import dev.orderhub.provider.bmc.BmcProvider;
import dev.orderhub.provider.kofi.KofiProvider;
import dev.orderhub.provider.xsolla.XsollaProvider;
import dev.orderhub.provider.shopify.ShopifyProvider;
import dev.orderhub.provider.stripe.StripeProvider;
import dev.orderhub.runtime.Hub;
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

    public static DemoSite seed() {
        Hub hub = Hub.get();
        SiteRepository sites = hub.sites();
        if (sites.find(CLIENT_ID).isEmpty()) {
            sites.create(CLIENT_ID, "Demo site");
        }
        configureProviders(sites, CLIENT_ID);
        hub.thankYouWorkflow().install(CLIENT_ID); // as the admin API does for a new site: the Ko-fi and BMC thank-you
        seedMail(hub);
        seedWorkflow(hub);
        hub.adminKeys().store(VIEWER_KEY, Set.of(CLIENT_ID), AdminRole.VIEWER, "local-mode");
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
    private static void seedMail(Hub hub) {
        hub.siteMail().putOwnerPart(CLIENT_ID, "Demo site", List.of(STAFF));
        hub.siteMail().putVerifiedSenders(CLIENT_ID, List.of(SENDER));
    }

    private static void seedWorkflow(Hub hub) {
        if (hub.workflows().find(CLIENT_ID, REVIEW_WORKFLOW_ID).isPresent()) {
            return;
        }
        Workflow w = WorkflowParser.parse(WorkflowTemplates.definition("staff-on-review",
                new WorkflowTemplates.Params(SENDER, List.of(STAFF), true)), REVIEW_WORKFLOW_ID, 1, Instant.now().toString());
        try {
            hub.workflows().save(CLIENT_ID, w, 0, "demo");
        } catch (WorkflowRepository.Conflict seededMeanwhile) {
            // Another seed in this stack got there first: same workflow.
        }
    }
}
