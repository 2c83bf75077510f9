package dev.orderhub.functions.admin;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.admin.AdminPrincipal;
import dev.orderhub.http.ApiError;
import dev.orderhub.http.HttpRequest;
import dev.orderhub.http.HttpResponses;
import dev.orderhub.site.SiteRepository;
import dev.orderhub.sync.SyncJob;
import dev.orderhub.sync.SyncJobStore;
import dev.orderhub.sync.SyncSchedules;
import dev.orderhub.sync.SyncSource;
import dev.orderhub.sync.SyncStarter;
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
 * {@code …/sync/{provider}/schedule} turns the schedule that keeps incremental runs going on or off.
 */
final class SyncRoutes {
    /** The scheduler ticks every 15 minutes by default; a shorter interval would not be kept. */
    static final int MIN_INTERVAL_MINUTES = 15;
    static final int MAX_INTERVAL_MINUTES = 7 * 24 * 60;
    static final int DEFAULT_INTERVAL_MINUTES = 60;
    private final Map<String, SyncSource> sources;
    private final SiteRepository sites;
    private final SyncJobStore jobs;
    private final SyncStarter starter;
    private final SyncSchedules schedules;
    private final Clock clock;

    SyncRoutes(List<SyncSource> sources, SiteRepository sites, SyncJobStore jobs, SyncStarter starter,
            SyncSchedules schedules, Clock clock) {
        this.sources = sources.stream().collect(Collectors.toMap(SyncSource::provider, s -> s));
        this.sites = sites;
        this.jobs = jobs;
        this.starter = starter;
        this.schedules = schedules;
        this.clock = clock;
    }

    APIGatewayV2HTTPResponse start(AdminPrincipal who, HttpRequest request) {
        String clientId = SiteRoutes.configurableSite(sites, who, request, "only an owner key starts a sync");
        JsonNode body = AdminBodies.object(request);
        AdminBodies.rejectUnknown(body, Set.of("mode", "since"));
        String mode = AdminBodies.requiredString(body, "mode", 20);
        Instant now = clock.instant();
        String since = switch (mode) {
            case SyncStarter.BACKFILL -> date(AdminBodies.requiredString(body, "since", 40), now);
            case SyncStarter.INCREMENTAL -> {
                if (body.has("since")) {
                    throw ApiError.invalid("since", "an incremental sync goes on from the last finished one; since is for backfills");
                }
                yield null;
            }
            default -> throw ApiError.invalid("mode", "mode must be backfill or incremental");
        };
        String provider = configuredProvider(clientId, request);
        try {
            return HttpResponses.json(202, view(starter.start(clientId, provider, mode, since, now)));
        } catch (SyncStarter.NotStarted e) {
            throw new ApiError(409, e.code(), e.getMessage(), e.code().equals(SyncStarter.NotStarted.NO_FINISHED_SYNC) ? "mode" : null);
        }
    }

    /** The path's provider when it has a sync source (else 404) and the site's config has what it needs (else 409). */
    private String configuredProvider(String clientId, HttpRequest request) {
        String provider = request.pathParameter("provider");
        SyncSource source = sources.get(provider);
        if (source == null) {
            throw ApiError.notFound();
        }
        String missing = source.missing(sites.findConfig(clientId, provider).orElse(null));
        if (missing != null) {
            throw new ApiError(409, "NOT_CONFIGURED", "the site's " + provider + " config lacks its " + missing, null);
        }
        return provider;
    }

    /**
     * {@code PUT …/sync/{provider}/schedule} {@code {"enabled":true,"intervalMinutes":60}} (owner):
     * the schedule starts an incremental run at most every interval (at least
     * {@value #MIN_INTERVAL_MINUTES} minutes; default {@value #DEFAULT_INTERVAL_MINUTES}). Turning it on
     * needs the provider configured; turning it off never does.
     */
    APIGatewayV2HTTPResponse putSchedule(AdminPrincipal who, HttpRequest request) {
        String clientId = SiteRoutes.configurableSite(sites, who, request, "only an owner key changes a sync schedule");
        JsonNode body = AdminBodies.object(request);
        AdminBodies.rejectUnknown(body, Set.of("enabled", "intervalMinutes"));
        JsonNode enabled = body.get("enabled");
        if (enabled == null || !enabled.isBoolean()) {
            throw ApiError.invalid("enabled", "enabled must be true or false");
        }
        int interval = AdminBodies.integer(body, "intervalMinutes", MIN_INTERVAL_MINUTES, MAX_INTERVAL_MINUTES,
                DEFAULT_INTERVAL_MINUTES);
        String provider = request.pathParameter("provider");
        if (enabled.asBoolean()) {
            configuredProvider(clientId, request);
        } else if (!sources.containsKey(provider)) {
            throw ApiError.notFound();
        }
        return HttpResponses.json(200, view(schedules.put(clientId, provider, enabled.asBoolean(), interval, clock.instant())));
    }

    APIGatewayV2HTTPResponse getSchedule(AdminPrincipal who, HttpRequest request) {
        String clientId = SiteRoutes.visibleSite(sites, who, request);
        String provider = request.pathParameter("provider");
        if (!sources.containsKey(provider)) {
            throw ApiError.notFound();
        }
        return HttpResponses.json(200, view(schedules.find(clientId, provider).orElse(
                new SyncSchedules.Schedule(clientId, provider, false, DEFAULT_INTERVAL_MINUTES, null, null, null, null))));
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

    private static Map<String, Object> view(SyncSchedules.Schedule s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("clientId", s.clientId());
        out.put("provider", s.provider());
        out.put("enabled", s.enabled());
        out.put("intervalMinutes", s.intervalMinutes());
        out.put("updatedAt", s.updatedAt());
        out.put("lastTickAt", s.lastTickAt());
        out.put("lastStartedAt", s.lastStartedAt());
        out.put("lastOutcome", s.lastOutcome());
        return out;
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
