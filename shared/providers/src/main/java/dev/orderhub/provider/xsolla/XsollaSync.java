package dev.orderhub.provider.xsolla;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.provider.api.ApiHttp;
import dev.orderhub.provider.api.OutboundHttp;
import dev.orderhub.provider.api.ProviderApiException;
import dev.orderhub.record.NormalizedRecord;
import dev.orderhub.site.ProviderConfig;
import dev.orderhub.sync.SyncSource;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Xsolla subscriptions of the site's project, listed from the server side.
 *
 * <p><b>Which endpoint.</b> The buyer-side subscription list, {@code GET https://subscriptions.xsolla.com/api/user/v1/projects/{projectId}/subscriptions?locale=&limit=&offset=}
 * ({@code {items, has_more}}), takes the buyer's JWT ({@code Authorization: Bearer <client_user_jwt>}),
 * which the hub never has. Its server-side equivalent in Xsolla's Subscriptions API 2.0 is "Get
 * subscriptions" (https://developers.xsolla.com/api/subscriptions/operation/get-subscriptions/):
 * {@code GET https://api.xsolla.com/merchant/v2/merchants/{merchant_id}/subscriptions} with
 * {@code limit}, {@code offset} (from 0), {@code project_id[]}, {@code user_id}, {@code status[]},
 * {@code datetime_from} (created at or after), HTTP Basic auth {@code merchant_id:api_key}
 * (https://developers.xsolla.com/doc/subscriptions/features/subscriber-account/ describes that
 * pair), answering a JSON array of subscription objects shaped like "Get subscription"'s
 * (https://developers.xsolla.com/api/subscriptions/operation/get-subscription/). It is called
 * with the site's project as {@code project_id[]}, without {@code user_id}: one listing covers
 * every subscriber of the project, also those whose every notification was missed, and costs one
 * request per page instead of at least one per known user. It needs a key valid in all the
 * company's projects, as the docs note.
 *
 * <p><b>Polite.</b> The docs allow this method 20 requests a minute, so one source (one per sync
 * runner container) starts a request at most every {@link #PACE}; a 429 still waits its
 * {@code Retry-After} and a 5xx backs off in {@link ApiHttp}. Without the pace a long backfill
 * would spend its error budget on rate limits.
 *
 * <p><b>Paging.</b> The array has no {@code has_more} and the docs state no maximum
 * {@code limit}, so a shorter page may be a capped one: the cursor is the next offset, and the
 * list ends at the first empty page. {@code datetime_from} is the run's {@code since} (backfill
 * date, or the previous finished run's start for an incremental run).
 *
 * <p>Each listed object becomes the record the subscription notifications write
 * ({@link XsollaSubscriptions#listed}), stored with the same newer-wins upsert.
 */
public final class XsollaSync implements SyncSource {
    public static final String BASE_URL_ENV = "XSOLLA_MERCHANT_API_BASE";
    static final String RESOURCE = "subscriptions";
    static final int LIMIT = 100;
    /** 60 s / 20 requests. */
    static final Duration PACE = Duration.ofSeconds(3);
    private final OutboundHttp http;
    private final URI base;
    private final Duration pace;
    private final ApiHttp.Sleeper sleeper;
    /** System.nanoTime of the last request; a monotonic clock, so a wall-clock step cannot shorten the pace. */
    private long lastRequestNanos;
    private boolean requested;

    public XsollaSync(OutboundHttp http, URI base, Duration pace, ApiHttp.Sleeper sleeper) {
        this.http = http;
        this.base = base;
        this.pace = pace;
        this.sleeper = sleeper;
    }

    public static XsollaSync standard(OutboundHttp http) {
        return new XsollaSync(http, http.baseUrl(BASE_URL_ENV, "https://api.xsolla.com/merchant/v2"), PACE,
                d -> Thread.sleep(d.toMillis()));
    }

    @Override
    public String provider() {
        return XsollaProvider.ID;
    }

    @Override
    public List<String> resources() {
        return List.of(RESOURCE);
    }

    @Override
    public String missing(ProviderConfig config) {
        if (config == null || !config.hasSecret(XsollaProvider.API_KEY)) {
            return "secret " + XsollaProvider.API_KEY;
        }
        for (String setting : List.of(XsollaProvider.MERCHANT_ID_SETTING, XsollaProvider.PROJECT_ID_SETTING)) {
            String v = config.settings().get(setting);
            if (v == null || !v.matches("[0-9]{1,12}")) {
                return "setting " + setting;
            }
        }
        return null;
    }

    @Override
    public Page page(ProviderConfig config, String resource, Instant since, String cursor, Instant now) {
        if (!RESOURCE.equals(resource)) {
            throw new SyncRefused("not an Xsolla resource this sync lists");
        }
        long offset = offset(cursor);
        String merchant = config.settings().get(XsollaProvider.MERCHANT_ID_SETTING);
        String project = config.settings().get(XsollaProvider.PROJECT_ID_SETTING);
        String auth = "Basic " + Base64.getEncoder().encodeToString(
                (merchant + ":" + config.secret(XsollaProvider.API_KEY)).getBytes(StandardCharsets.UTF_8));
        String query = "limit=" + LIMIT + "&offset=" + offset + "&project_id%5B%5D=" + project + "&datetime_from="
                + URLEncoder.encode(since.truncatedTo(ChronoUnit.SECONDS).toString(), StandardCharsets.UTF_8);
        URI uri = URI.create(base + "/merchants/" + merchant + "/subscriptions?" + query);
        String what = "xsolla list subscriptions";
        keepPace();
        JsonNode list = SyncSource.getJson(http, uri, auth, "Xsolla", what);
        if (!list.isArray()) {
            throw new ProviderApiException(what + ": answer is not a list");
        }
        List<NormalizedRecord> out = new ArrayList<>();
        for (JsonNode sub : list) {
            XsollaSubscriptions.listed(sub, now).ifPresent(out::add);
        }
        return new Page(list.size(), out, list.isEmpty() ? null : Long.toString(offset + list.size()));
    }

    private synchronized void keepPace() {
        long now = System.nanoTime();
        if (requested) {
            long waitNanos = pace.toNanos() - (now - lastRequestNanos);
            if (waitNanos > 0) {
                try {
                    sleeper.sleep(Duration.ofNanos(waitNanos));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ProviderApiException("xsolla list subscriptions: interrupted", e);
                }
            }
        }
        requested = true;
        lastRequestNanos = System.nanoTime();
    }

    /** The cursor is the offset of the next page; anything else is not one of ours. */
    private static long offset(String cursor) {
        if (cursor == null) {
            return 0;
        }
        if (!cursor.matches("[0-9]{1,12}")) {
            throw new SyncRefused("cursor is not an offset");
        }
        return Long.parseLong(cursor);
    }
}
