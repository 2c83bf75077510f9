package dev.orderhub.functions.admin;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.admin.AdminPrincipal;
import dev.orderhub.db.Ids;
import dev.orderhub.http.ApiError;
import dev.orderhub.http.HttpRequest;
import dev.orderhub.http.HttpResponses;
import dev.orderhub.site.SiteRepository;
import dev.orderhub.sync.SyncJob;
import dev.orderhub.sync.SyncJobStore;
import dev.orderhub.sync.SyncMessage;
import dev.orderhub.sync.SyncQueue;
import dev.orderhub.sync.SyncSource;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Provider data sync jobs (providers with a {@link SyncSource}: Stripe, Xsolla):
 * {@code POST /admin/sites/{clientId}/sync/{provider}} starts one (owner
 * keys; {@code {"mode":"backfill","since":"2024-01-01"}} or {@code {"mode":"incremental"}}, which
 * goes on from where the last finished run started); 409 while one runs. {@code GET} shows its progress.
 */
final class SyncRoutes {
    private final Map<String, SyncSource> sources;
    private final SiteRepository sites;
    private final SyncJobStore jobs;
    private final SyncQueue queue;
    private final Clock clock;

    SyncRoutes(List<SyncSource> sources, SiteRepository sites, SyncJobStore jobs, SyncQueue queue, Clock clock) {
        this.sources = sources.stream().collect(Collectors.toMap(SyncSource::provider, s -> s));
        this.sites = sites;
        this.jobs = jobs;
        this.queue = queue;
        this.clock = clock;
    }

    APIGatewayV2HTTPResponse start(AdminPrincipal who, HttpRequest request) {
        String clientId = SiteRoutes.visibleSite(sites, who, request);
        if (!who.canConfigure(clientId)) {
            throw ApiError.forbidden("only an owner key starts a sync");
        }
        JsonNode body = AdminBodies.object(request);
        AdminBodies.rejectUnknown(body, Set.of("mode", "since"));
        String mode = AdminBodies.requiredString(body, "mode", 20);
        Instant now = clock.instant();
        String since = switch (mode) {
            case "backfill" -> date(AdminBodies.requiredString(body, "since", 40), now);
            case "incremental" -> {
                if (body.has("since")) {
                    throw ApiError.invalid("since", "an incremental sync goes on from the last finished one; since is for backfills");
                }
                yield null;
            }
            default -> throw ApiError.invalid("mode", "mode must be backfill or incremental");
        };
        String provider = request.pathParameter("provider");
        SyncSource source = sources.get(provider);
        if (source == null) {
            throw ApiError.notFound();
        }
        String missing = source.missing(sites.findConfig(clientId, provider).orElse(null));
        if (missing != null) {
            throw new ApiError(409, "NOT_CONFIGURED", "the site's " + provider + " config lacks its " + missing, null);
        }
        SyncJob previous = jobs.find(clientId, provider).orElse(null);
        String syncedThrough = previous == null ? null : previous.syncedThrough();
        if (since == null) {
            if (syncedThrough == null) {
                throw new ApiError(409, "NO_FINISHED_SYNC", "no sync has finished yet: start a backfill", "mode");
            }
            since = syncedThrough;
        }
        String runId = "sync_" + Ids.random(16);
        SyncJob job = new SyncJob(clientId, provider, runId, SyncJob.RUNNING, mode, since, 0, null, 0, 0, 0, null,
                null, null, null, null);
        SyncJob started = jobs.start(job, syncedThrough, now)
                .orElseThrow(() -> new ApiError(409, "SYNC_RUNNING", "a " + provider + " sync of this site is running", null));
        queue.send(new SyncMessage(clientId, provider, runId), 0);
        return HttpResponses.json(202, view(started));
    }

    APIGatewayV2HTTPResponse get(AdminPrincipal who, HttpRequest request) {
        String clientId = SiteRoutes.visibleSite(sites, who, request);
        return HttpResponses.json(200, view(jobs.find(clientId, request.pathParameter("provider")).orElseThrow(ApiError::notFound)));
    }

    /** A date (midnight UTC) or an instant, not in the future. */
    private static String date(String text, Instant now) {
        Instant at;
        try {
            at = text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiError.invalid("since", "since must be an ISO date (2024-01-31) or instant");
        }
        if (at.isAfter(now)) {
            throw ApiError.invalid("since", "since must not be in the future");
        }
        return at.toString();
    }

    private static Map<String, Object> view(SyncJob j) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("clientId", j.clientId());
        out.put("provider", j.provider());
        out.put("runId", j.runId());
        out.put("state", j.state());
        out.put("mode", j.mode());
        out.put("since", j.since());
        out.put("resource", j.resource());
        out.put("pages", j.pages());
        out.put("records", j.records());
        out.put("lastCursor", j.cursor());
        out.put("errors", j.errors());
        out.put("lastError", j.lastError());
        out.put("startedAt", j.startedAt());
        out.put("finishedAt", j.finishedAt());
        out.put("syncedThrough", j.syncedThrough());
        return out;
    }
}
