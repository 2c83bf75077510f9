package dev.orderhub.provider.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.json.Json;
import dev.orderhub.provider.api.ApiHttp;
import dev.orderhub.provider.api.OutboundHttp;
import dev.orderhub.provider.api.ProviderApiException;
import dev.orderhub.record.NormalizedRecord;
import dev.orderhub.site.ProviderConfig;
import dev.orderhub.sync.SyncSource;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Stripe's list endpoints of the six record types the hub keeps (charge, refund, subscription, customer,
 * price, balance transaction: {@link StripeEventReader#RECORD_TYPES}), read with the site's API key
 * (secret {@code apiKey}): {@code GET /v1/<resource>?limit=100&created[gte]=<since>} and then
 * {@code starting_after=<last id>} while {@code has_more}. Each listed object goes through
 * {@link StripeRecords}, the callbacks' normalizer; a record's "last changed" is the time it was
 * listed, so a webhook about a later change still replaces it and an older one does not.
 * Subscriptions are listed with {@code status=all}: Stripe leaves canceled ones out otherwise.
 */
public final class StripeSync implements SyncSource {
    static final List<String> RESOURCES = List.of("charges", "subscriptions", "refunds", "balance_transactions",
            "customers", "prices");
    private static final int LIMIT = 100;
    private final OutboundHttp http;
    private final URI base;

    public StripeSync(OutboundHttp http, URI base) {
        this.http = http;
        this.base = base;
    }

    public static StripeSync standard(OutboundHttp http) {
        return new StripeSync(http, http.baseUrl(StripeApiClient.BASE_URL_ENV, StripeApiClient.PUBLIC_BASE));
    }

    @Override
    public String provider() {
        return StripeProvider.ID;
    }

    @Override
    public List<String> resources() {
        return RESOURCES;
    }

    @Override
    public String missing(ProviderConfig config) {
        // Whether it is set, without opening it: the admin API and the scheduler ask this and may not open secrets.
        return config == null || !config.hasSecret(StripeProvider.API_KEY) ? "secret " + StripeProvider.API_KEY : null;
    }

    @Override
    public Page page(ProviderConfig config, String resource, Instant since, String cursor, Instant now) {
        if (!RESOURCES.contains(resource)) {
            throw new SyncRefused("not a Stripe resource this sync lists");
        }
        String key = config.secret(StripeProvider.API_KEY);
        StringBuilder query = new StringBuilder("limit=" + LIMIT + "&created%5Bgte%5D=" + since.getEpochSecond());
        if (resource.equals("subscriptions")) {
            query.append("&status=all");
        }
        if (cursor != null) {
            query.append("&starting_after=").append(URLEncoder.encode(cursor, StandardCharsets.UTF_8));
        }
        URI uri = URI.create(base + "/v1/" + resource + "?" + query);
        String what = "stripe list " + resource;
        JsonNode list = SyncSource.getJson(http, uri, "Bearer " + key, "Stripe", what);
        JsonNode data = list.get("data");
        if (!"list".equals(Json.text(list, "object")) || data == null || !data.isArray()) {
            throw new ProviderApiException(what + ": answer is not a list");
        }
        List<NormalizedRecord> out = new ArrayList<>();
        String last = null;
        for (JsonNode o : data) {
            last = Json.text(o, "id");
            boolean test = !Boolean.TRUE.equals(StripeJson.bool(o, "livemode"));
            StripeRecords.of(o, now.toString(), test, false).ifPresent(out::add);
        }
        boolean more = list.path("has_more").asBoolean(false) && last != null;
        return new Page(data.size(), out, more ? last : null);
    }
}
