package dev.orderhub.sync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.json.Json;
import dev.orderhub.provider.api.OutboundHttp;
import dev.orderhub.provider.api.ProviderApiException;
import dev.orderhub.record.NormalizedRecord;
import dev.orderhub.site.ProviderConfig;
import java.net.URI;
import java.util.Map;
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

    /**
     * GETs one page of a list API as JSON, with the client's retries. A 401 or 403 is refused for good
     * ({@code provider} refused the credentials); any other non-200 or an unreadable answer is a
     * {@link ProviderApiException}, which the runner retries from the same cursor.
     */
    static JsonNode getJson(OutboundHttp http, URI uri, String authorization, String provider, String what) {
        OutboundHttp.Answer r = http.get(uri, Map.of("Authorization", authorization, "Accept", "application/json"), what);
        if (r.statusCode() == 401 || r.statusCode() == 403) {
            throw new SyncRefused(provider + " refused the credentials (HTTP " + r.statusCode() + ")");
        }
        if (r.statusCode() != 200) {
            throw new ProviderApiException(what + ": HTTP " + r.statusCode());
        }
        try {
            return Json.parse(r.body());
        } catch (IllegalArgumentException e) {
            throw new ProviderApiException(what + ": answer is not JSON");
        }
    }

    /** The provider refused the request in a way a retry will not change. */
    final class SyncRefused extends RuntimeException {
        public SyncRefused(String message) {
            super(message, null, false, false);
        }
    }
}
