package dev.orderhub.site;

import java.time.Instant;
import java.util.Optional;

/**
 * Sites, their settings and their provider configs: what callbacks, the payment-events function, workflow runs,
 * reconciliation, sync and the admin API read and write. Reads may come from this container's
 * memory of the site (then {@link #readAgainBeforeRefusing} before refusing on them); writes are
 * seen at once by this container. Wide for now: it is every operation of the one store, not a
 * port per use.
 */
public interface SiteRepository extends SiteSettingsLookup, ProviderConfigs {

    /** A site and, if configured, its config for one provider. */
    record SiteWithConfig(Site site, ProviderConfig config) {}

    /**
     * Before refusing on what this container remembers of the site: forgets it, unless it was read
     * from the table less than a second ago (at most one forced read per site per second, however
     * many refused requests arrive). Returns whether the next read goes to the table; when it does
     * not, the remembered answer is already the table's.
     */
    boolean readAgainBeforeRefusing(String clientId);

    /** Drops what this container remembers of the site: the next read goes to the table. */
    void forget(String clientId);

    /** A new site with a random client id ({@link SiteIds}). */
    Site create(String name);

    /** With a chosen client id: local mode's demo site keeps the same one across restarts. Fails if it exists. */
    Site create(String clientId, String name);

    /** Everything a callback needs: the site and, if configured, its config for this provider. */
    Optional<SiteWithConfig> findForCallback(String clientId, String provider);

    Optional<Site> find(String clientId);

    /** The site's settings, the defaults if it never set any; empty when the site does not exist or is not active. */
    @Override
    Optional<SiteSettings> findSettings(String clientId);

    void putSettings(String clientId, SiteSettings settings);

    /** Stores the config; every secret not yet sealed is sealed first, under this site's, provider's and field's context. */
    void putConfig(String clientId, ProviderConfig config);

    /** Renames and/or enables or disables a site that is not deleted (at least one of the two); empty when there is none. */
    Optional<Site> update(String clientId, String name, String status);

    /**
     * The first step of deleting a site: a random token stored on the site, valid until
     * {@code expiresAt}; {@link #delete} needs it back. False when the site is gone.
     */
    boolean offerDeletion(String clientId, String token, Instant expiresAt);

    /**
     * Soft-deletes the site if {@code token} is the one offered and has not expired: the site
     * drops out of the listing and is "not found" from then on. Its orders are kept.
     */
    boolean delete(String clientId, String token, Instant now);
}
