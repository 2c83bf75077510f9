package dev.orderhub.site;

import java.util.Optional;

/** A site's config of one provider, as workflow planning reads it (its auto-reply). Implemented by {@link SiteRepository}. */
public interface ProviderConfigs {
    Optional<ProviderConfig> findConfig(String clientId, String provider);
}
