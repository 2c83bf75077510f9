package dev.orderhub.site;

import dev.orderhub.log.JsonLog;
import dev.orderhub.provider.Provider;
import dev.orderhub.provider.ProviderCatalog;
import dev.orderhub.workflow.WebhookSecrets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The one-off sealing of secrets stored in plain text before secrets were sealed: provider
 * secrets and workflow webhook secrets, a page of sites at a time (the operator repeats with the
 * returned cursor until there is none). Running it again changes nothing. A previous secret
 * found without an expiry gets the default one, counted from now.
 */
public final class SecretsMigration {
    private static final JsonLog LOG = JsonLog.get(SecretsMigration.class);
    public static final Duration DEFAULT_PREVIOUS_SECRET_LIFETIME = Duration.ofHours(24);

    private final DynamoSiteRepository sites;
    private final WebhookSecrets webhookSecrets;
    private final ProviderCatalog providers;
    private final Clock clock;

    public SecretsMigration(DynamoSiteRepository sites, WebhookSecrets webhookSecrets, ProviderCatalog providers, Clock clock) {
        this.sites = sites;
        this.providers = providers;
        this.webhookSecrets = webhookSecrets;
        this.clock = clock;
    }

    public record Result(int sites, int providerConfigsSealed, int webhookSecretsSealed, Map<String, AttributeValue> next) {}

    /** @param cursor the previous page's encoded {@code next}; refused (IllegalArgumentException) unless it points into the site list */
    public Result sealPage(int limit, String cursor) {
        DynamoSiteRepository.SitePage page = sites.listAll(limit, cursor);
        Instant previousExpiresAt = clock.instant().plus(DEFAULT_PREVIOUS_SECRET_LIFETIME);
        int configs = 0;
        int webhooks = 0;
        for (Site site : page.sites()) {
            int sealedHere = sites.sealPlainSecrets(site.clientId(),
                    provider -> providers.find(provider).map(Provider::previousSecretNames).orElse(Set.of()), previousExpiresAt);
            boolean webhook = webhookSecrets.sealPlain(site.clientId());
            if (sealedHere > 0 || webhook) {
                LOG.info("plain secrets sealed", "clientId", site.clientId(), "providerConfigs", sealedHere, "webhookSecret", webhook);
            }
            configs += sealedHere;
            webhooks += webhook ? 1 : 0;
        }
        return new Result(page.sites().size(), configs, webhooks, page.next());
    }
}
