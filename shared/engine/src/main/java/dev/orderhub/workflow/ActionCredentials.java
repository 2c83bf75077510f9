package dev.orderhub.workflow;

import dev.orderhub.provider.PaymentCommands;
import dev.orderhub.provider.PaymentProvider;
import dev.orderhub.provider.ProviderCatalog;
import dev.orderhub.site.ProviderConfig;
import dev.orderhub.site.SiteRepository;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The provider credentials a workflow's payment actions call the provider with, checked before a
 * template is installed: without them its first action (capture or cancel) can only fail, for good.
 * The providers with {@link PaymentCommands} say which credential that is (Stripe's
 * {@code apiKey}, Shopify's {@code adminApiToken}). {@code capture_payment} needs the credential of a
 * provider that captures; {@code cancel_payment} needs the credential of each provider with
 * commands the site is set up for, and at least one.
 */
public final class ActionCredentials {
    private ActionCredentials() {}

    /** A credential the workflow's actions need and the site lacks: its name and why. */
    public record Missing(String credential, String message) {}

    /** A provider with commands, and those commands. */
    private record Commanded(PaymentProvider provider, PaymentCommands commands) {
        String id() {
            return provider.id();
        }

        /** {@code <provider>.<secret name>}, as the provider config sets it. */
        String credentialName() {
            return id() + "." + commands.credential();
        }
    }

    public static Optional<Missing> missing(Workflow w, SiteRepository sites, String clientId, ProviderCatalog providers) {
        List<ActionType> types = Stream.concat(w.actions().stream(), w.otherwise().stream()).map(Action::type).toList();
        List<Commanded> commanded = providers.all().stream()
                .flatMap(p -> p.paymentCommands().map(c -> new Commanded(p, c)).stream()).toList();
        List<Commanded> capturing = commanded.stream().filter(c -> c.commands().captures()).toList();
        if (types.contains(ActionType.CAPTURE_PAYMENT) && capturing.stream().noneMatch(c -> has(sites, clientId, c))) {
            Commanded first = capturing.get(0);
            return Optional.of(new Missing(first.credentialName(), "capture_payment captures " + targets(capturing)
                    + ": the site's " + first.id() + " config needs its " + first.commands().credential()));
        }
        if (types.contains(ActionType.CANCEL_PAYMENT)) {
            boolean any = false;
            for (Commanded c : commanded) {
                Optional<ProviderConfig> config = sites.findConfig(clientId, c.id());
                if (config.isPresent() && !config.get().hasSecret(c.commands().credential())) {
                    return Optional.of(new Missing(c.credentialName(), "cancel_payment cancels " + c.id()
                            + " orders of the site: its " + c.id() + " config needs its " + c.commands().credential()));
                }
                any |= config.isPresent();
            }
            if (!any) {
                return Optional.of(new Missing(commanded.get(0).credentialName(), "cancel_payment cancels "
                        + targets(commanded) + ": the site needs a " + commanded.stream()
                                .map(c -> c.id() + " " + c.commands().credential()).collect(Collectors.joining(" or "))));
            }
        }
        return Optional.empty();
    }

    private static String targets(List<Commanded> commanded) {
        return commanded.stream().map(c -> c.commands().targets()).collect(Collectors.joining(" and "));
    }

    private static boolean has(SiteRepository sites, String clientId, Commanded c) {
        return sites.findConfig(clientId, c.id()).map(config -> config.hasSecret(c.commands().credential())).orElse(false);
    }
}
