package dev.orderhub.workflow;

import dev.orderhub.provider.shopify.ShopifyProvider;
import dev.orderhub.provider.stripe.StripeProvider;
import dev.orderhub.site.ProviderConfig;
import dev.orderhub.site.SiteRepository;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The provider credentials a workflow's payment actions call the provider with, checked before a
 * template is installed: without them its first action (capture or cancel) can only fail, for good.
 * {@code capture_payment} needs Stripe's {@code apiKey}; {@code cancel_payment} cancels Stripe
 * payment intents and Shopify orders, so it needs the credential of each of those providers the
 * site is set up for ({@code stripe.apiKey}, {@code shopify.adminApiToken}), and at least one.
 */
public final class ActionCredentials {
    /** What an action calls a provider with: {@code <provider>.<secret name>}, as the provider config sets it. */
    private static final Map<String, String> SECRET = Map.of(StripeProvider.ID, StripeProvider.API_KEY,
            ShopifyProvider.ID, ShopifyProvider.ADMIN_API_TOKEN);

    private ActionCredentials() {}

    /** A credential the workflow's actions need and the site lacks: its name and why. */
    public record Missing(String credential, String message) {}

    public static Optional<Missing> missing(Workflow w, SiteRepository sites, String clientId) {
        List<ActionType> types = Stream.concat(w.actions().stream(), w.otherwise().stream()).map(Action::type).toList();
        if (types.contains(ActionType.CAPTURE_PAYMENT) && !has(sites, clientId, StripeProvider.ID)) {
            return Optional.of(new Missing(name(StripeProvider.ID),
                    "capture_payment captures Stripe payment intents: the site's stripe config needs its apiKey"));
        }
        if (types.contains(ActionType.CANCEL_PAYMENT)) {
            boolean any = false;
            for (String provider : List.of(StripeProvider.ID, ShopifyProvider.ID)) {
                Optional<ProviderConfig> config = sites.findConfig(clientId, provider);
                if (config.isPresent() && !config.get().hasSecret(SECRET.get(provider))) {
                    return Optional.of(new Missing(name(provider), "cancel_payment cancels " + provider
                            + " orders of the site: its " + provider + " config needs its " + SECRET.get(provider)));
                }
                any |= config.isPresent();
            }
            if (!any) {
                return Optional.of(new Missing(name(StripeProvider.ID), "cancel_payment cancels Stripe payment intents"
                        + " and Shopify orders: the site needs a stripe apiKey or a shopify adminApiToken"));
            }
        }
        return Optional.empty();
    }

    private static boolean has(SiteRepository sites, String clientId, String provider) {
        return sites.findConfig(clientId, provider).map(c -> c.hasSecret(SECRET.get(provider))).orElse(false);
    }

    private static String name(String provider) {
        return provider + "." + SECRET.get(provider);
    }
}
