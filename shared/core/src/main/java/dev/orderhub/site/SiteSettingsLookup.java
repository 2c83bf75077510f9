package dev.orderhub.site;

import java.util.Optional;

/** A site's settings, as the intent matcher reads them. Implemented by {@link SiteRepository}. */
public interface SiteSettingsLookup {
    /** The settings the site saved; empty when it never set any (callers then use {@link SiteSettings#DEFAULTS}). */
    Optional<SiteSettings> findSettings(String clientId);
}
