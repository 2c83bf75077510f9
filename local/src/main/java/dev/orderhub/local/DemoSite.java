package dev.orderhub.local;

import dev.orderhub.admin.AdminKeys;
import dev.orderhub.admin.AdminRole;
import dev.orderhub.provider.kofi.KofiProvider;
import dev.orderhub.runtime.Hub;
import dev.orderhub.site.AutoReply;
import dev.orderhub.site.ProviderConfig;
import dev.orderhub.site.SiteRepository;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * The site local mode starts with. Its client id and provider secrets are fixed and public, so
 * that the signed sample events in events/ are accepted by `invoke` and by local mode alike.
 * Never use these values anywhere real.
 */
public record DemoSite(String clientId, String adminKey, Map<String, String> secrets) {
    public static final String CLIENT_ID = "site_demo";
    public static final String KOFI_TOKEN = "demo-kofi-verification-token";
    public static final String SENDER = "thanks@demo.orderhub.local";

    public static DemoSite seed() {
        Hub hub = Hub.get();
        SiteRepository sites = hub.sites();
        if (sites.find(CLIENT_ID).isEmpty()) {
            sites.create(CLIENT_ID, "Demo site");
        }
        String now = Instant.now().toString();
        AutoReply reply = new AutoReply(true, SENDER, "Thank you, {{buyerName}}!",
                "Hi {{buyerName}},\n\nthank you for your {{amount}} {{currency}} to {{siteName}}.\n"
                        + "Your order reference is {{orderId}}.\n");
        sites.putConfig(CLIENT_ID, new ProviderConfig(KofiProvider.ID,
                Map.of(KofiProvider.VERIFICATION_TOKEN, KOFI_TOKEN), Map.of(KofiProvider.VERIFICATION_TOKEN, now),
                Map.of(), reply));
        AdminKeys.IssuedKey key = hub.adminKeys().issue(Set.of(CLIENT_ID), AdminRole.OWNER);
        return new DemoSite(CLIENT_ID, key.plaintext(), Map.of("kofi." + KofiProvider.VERIFICATION_TOKEN, KOFI_TOKEN));
    }
}
