package dev.orderhub.sync;

import dev.orderhub.record.NormalizedRecord;
import dev.orderhub.site.ProviderConfig;
import java.time.Instant;
import java.util.List;

/**
 * A provider's list API, read page by page: the resources it lists, in order, and one page of
 * one of them as normalized records (the same records its callbacks produce).
 */
public interface SyncSource {
    String provider();

    /** The resources a sync walks through, in order (e.g. "charges", "customers"). */
    List<String> resources();

    /** What the site's config lacks for this source to call the provider, or null when nothing. */
    String missing(ProviderConfig config);

    /**
     * @param cursor the previous page's {@link Page#next()}, null for the first page
     * @throws dev.orderhub.provider.api.ProviderApiException when the provider did not answer usably
     * @throws SyncRefused when the provider refuses for good (bad credentials, unknown resource)
     */
    Page page(ProviderConfig config, String resource, Instant since, String cursor, Instant now);

    /**
     * @param served how many objects the provider listed on the page
     * @param records those of them that are records, normalized
     * @param next the cursor of the following page, null when this was the last
     */
    record Page(int served, List<NormalizedRecord> records, String next) {}

    /** The provider refused the request in a way a retry will not change. */
    final class SyncRefused extends RuntimeException {
        public SyncRefused(String message) {
            super(message, null, false, false);
        }
    }
}
