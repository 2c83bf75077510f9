package dev.orderhub.functions.admin;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.admin.AdminPrincipal;
import dev.orderhub.admin.AdminRole;
import dev.orderhub.deadletter.DeadLetters;
import dev.orderhub.deadletter.FailureLog;
import dev.orderhub.deadletter.SiteDeadLetters;
import dev.orderhub.http.ApiError;
import dev.orderhub.http.HttpRequest;
import dev.orderhub.http.HttpResponses;
import dev.orderhub.site.SiteRepository;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Failed payment events and workflow runs: list with why, re-drive, discard with a reason; per
 * site, and all for the operator. A site's list is read from the dead letters recorded for the
 * site ({@link SiteDeadLetters}), never from the queues every site shares: receiving them would
 * hide other sites' messages and count against them. Only the operator's list scans the queues;
 * re-drive and discard, which need the message itself, are for owner and operator keys.
 */
final class DeadLetterRoutes {
    private final SiteRepository sites;
    /** The payment events' dead letters, and the workflow runs' where the deployment gives their queue. */
    private final List<DeadLetters> queues;
    private final FailureLog failures;
    private final SiteDeadLetters siteDeadLetters;

    DeadLetterRoutes(SiteRepository sites, List<DeadLetters> queues, FailureLog failures, SiteDeadLetters siteDeadLetters) {
        this.sites = sites;
        this.queues = List.copyOf(queues);
        this.failures = failures;
        this.siteDeadLetters = siteDeadLetters;
    }

    private List<DeadLetters.DeadLetter> list(Predicate<DeadLetters.DeadLetter> filter) {
        List<DeadLetters.DeadLetter> out = new java.util.ArrayList<>();
        queues.forEach(q -> out.addAll(q.list(filter)));
        return out;
    }

    /** GET /admin/sites/{clientId}/dead-letters */
    APIGatewayV2HTTPResponse list(AdminPrincipal who, HttpRequest request) {
        String clientId = SiteRoutes.visibleSite(sites, who, request);
        List<DeadLetters.DeadLetter> list = siteDeadLetters.list(clientId);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("deadLetters", list);
        out.put("count", list.size());
        return HttpResponses.json(200, out);
    }

    /** GET /admin/dead-letters: the operator's view of every site, unreadable messages included. */
    APIGatewayV2HTTPResponse listAll(AdminPrincipal who, HttpRequest request) {
        if (!who.deploymentOperator()) {
            throw ApiError.forbidden("only the deployment's operator key sees every site's dead letters");
        }
        List<DeadLetters.DeadLetter> list = list(d -> true);
        Map<String, Integer> perSite = new TreeMap<>();
        list.forEach(d -> perSite.merge(d.clientId() == null ? "(unreadable)" : d.clientId(), 1, Integer::sum));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("deadLetters", list);
        out.put("count", list.size());
        out.put("countBySite", perSite);
        return HttpResponses.json(200, out);
    }

    /** POST /admin/sites/{clientId}/dead-letters/redrive {"messageIds":[…]} (omitted: all of the site's). */
    APIGatewayV2HTTPResponse redrive(AdminPrincipal who, HttpRequest request) {
        String clientId = SiteRoutes.visibleSite(sites, who, request);
        requireOperatorRole(who);
        JsonNode body = AdminBodies.object(request);
        AdminBodies.rejectUnknown(body, Set.of("messageIds"));
        Set<String> ids = null;
        if (body.has("messageIds")) {
            JsonNode node = body.get("messageIds");
            if (!node.isArray() || node.size() == 0 || node.size() > 100) {
                throw ApiError.invalid("messageIds", "messageIds must be a list of 1 to 100 message ids");
            }
            ids = new HashSet<>();
            for (JsonNode id : node) {
                if (!id.isTextual() || id.asText().length() > 100) {
                    throw ApiError.invalid("messageIds", "messageIds must be strings");
                }
                ids.add(id.asText());
            }
        }
        Set<String> wanted = ids;
        int moved = 0;
        for (DeadLetters q : queues) { // each back to its own queue
            for (DeadLetters.DeadLetter d : q.redrive(ofSite(clientId).and(d -> wanted == null || wanted.contains(d.messageId())))) {
                siteDeadLetters.remove(clientId, d.messageId());
                moved++;
            }
        }
        return HttpResponses.json(200, Map.of("redriven", moved));
    }

    /** POST /admin/sites/{clientId}/dead-letters/{messageId}/discard {"reason"} */
    APIGatewayV2HTTPResponse discard(AdminPrincipal who, HttpRequest request) {
        String clientId = SiteRoutes.visibleSite(sites, who, request);
        requireOperatorRole(who);
        JsonNode body = AdminBodies.object(request);
        AdminBodies.rejectUnknown(body, Set.of("reason"));
        String reason = AdminBodies.requiredString(body, "reason", 500);
        DeadLetters.DeadLetter d = null;
        for (int i = 0; i < queues.size() && d == null; i++) {
            d = queues.get(i).discard(request.pathParameter("messageId"), ofSite(clientId));
        }
        if (d == null) {
            String messageId = request.pathParameter("messageId");
            if (siteDeadLetters.list(clientId).stream().anyMatch(l -> l.messageId().equals(messageId))) {
                // Its last attempt failed, but SQS moves it only on the next receive (after the queue's visibility timeout).
                throw new ApiError(409, "NOT_YET_DEAD_LETTERED",
                        "the message is still on its way to the dead-letter queue; try again in a few minutes", null);
            }
            throw ApiError.notFound();
        }
        failures.recordDiscard(clientId, d, who.keyId(), reason);
        siteDeadLetters.remove(clientId, d.messageId());
        return HttpResponses.json(200, Map.of("discarded", d.messageId(), "reason", reason));
    }

    private static Predicate<DeadLetters.DeadLetter> ofSite(String clientId) {
        return d -> clientId.equals(d.clientId());
    }

    private static void requireOperatorRole(AdminPrincipal who) {
        if (who.role() == AdminRole.VIEWER) {
            throw ApiError.forbidden("a viewer key cannot change dead letters");
        }
    }
}
