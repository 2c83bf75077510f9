package dev.orderhub.functions.admin;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.admin.AdminPrincipal;
import dev.orderhub.admin.AdminRole;
import dev.orderhub.deadletter.DeadLetterPayload;
import dev.orderhub.deadletter.DeadLetterReason;
import dev.orderhub.deadletter.DeadLetters;
import dev.orderhub.deadletter.FailureLog;
import dev.orderhub.deadletter.SiteDeadLetters;
import dev.orderhub.http.ApiError;
import dev.orderhub.http.HttpRequest;
import dev.orderhub.http.HttpResponses;
import dev.orderhub.json.Json;
import dev.orderhub.order.OrderIds;
import dev.orderhub.order.OrderRepository;
import dev.orderhub.provider.Providers;
import dev.orderhub.site.SiteRepository;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Failed payment events and workflow runs: list with why, re-drive, discard with a reason; per
 * site, and all for the operator. A site's list, re-drive and discard work from the dead letters
 * recorded for the site ({@link SiteDeadLetters}, which keep each message's body and queue), never
 * from the queues every site shares: receiving them would hide other sites' messages and count
 * against them. Only the operator's requests scan the queues ({@link DeadLetters}): his list, and
 * his re-drive and discard, which also reach messages whose failure was never recorded; the scan
 * deletes the copies a site's owner re-drove or discarded from the entries.
 */
final class DeadLetterRoutes {
    /** Payloads shown without the secrets the registry's providers put in callback bodies. */
    private static final DeadLetterPayload PAYLOADS = new DeadLetterPayload(Providers.REGISTRY.bodySecretFields());
    private final SiteRepository sites;
    /** The payment events' dead letters, and the workflow runs' where the deployment gives their queue. */
    private final List<DeadLetters> queues;
    private final FailureLog failures;
    private final SiteDeadLetters siteDeadLetters;
    private final OrderRepository orders;

    DeadLetterRoutes(SiteRepository sites, List<DeadLetters> queues, FailureLog failures, SiteDeadLetters siteDeadLetters,
            OrderRepository orders) {
        this.sites = sites;
        this.orders = orders;
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

    /**
     * GET /admin/sites/{clientId}/dead-letters/{messageId}: one listed dead letter with its payload
     * (secrets removed, bounded: {@link DeadLetterPayload}), why in words, and the order it is about.
     * Read from the site's own entries, so a message id of another site, however it was learnt, names
     * nothing here; only the operator also looks in the queue, for this site's messages alone.
     */
    APIGatewayV2HTTPResponse get(AdminPrincipal who, HttpRequest request) {
        String clientId = SiteRoutes.visibleSite(sites, who, request);
        String messageId = request.pathParameter("messageId");
        if (messageId == null || messageId.isEmpty() || messageId.length() > 100) {
            throw ApiError.notFound();
        }
        Optional<SiteDeadLetters.Entry> found = siteDeadLetters.find(clientId, messageId);
        for (int i = 0; i < queues.size() && found.isEmpty() && who.deploymentOperator(); i++) {
            found = queues.get(i).find(messageId, ofSite(clientId)); // a message whose failure was never recorded
        }
        SiteDeadLetters.Entry e = found.orElseThrow(ApiError::notFound);
        DeadLetters.DeadLetter d = e.deadLetter();
        Map<String, Object> out = new LinkedHashMap<>(Json.MAPPER.convertValue(d, Map.class));
        out.put("reason", DeadLetterReason.of(d));
        String orderId = orderId(clientId, d, e.body());
        out.put("orderId", orderId);
        boolean orderExists = orderId != null && orders.find(clientId, orderId).isPresent();
        out.put("orderPath", orderExists ? "/admin/sites/" + clientId + "/orders/" + orderId : null);
        DeadLetterPayload.Shown payload = PAYLOADS.of(e.body());
        out.put("payload", e.body() == null ? null : payload.text());
        out.put("payloadTruncated", payload.truncated());
        return HttpResponses.json(200, out);
    }

    /** The order a dead letter is about: a workflow run names it; a payment event's is derived as the payment-events function derives it. */
    private static String orderId(String clientId, DeadLetters.DeadLetter d, String body) {
        if (d.orderId() != null) {
            return d.orderId();
        }
        if (body == null || d.provider() == null) {
            return null;
        }
        try {
            String orderRef = Json.text(Json.parse(body), "orderRef");
            return orderRef == null || orderRef.isBlank() ? null : OrderIds.of(clientId, d.provider(), orderRef);
        } catch (IllegalArgumentException unreadable) {
            return null;
        }
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
        SiteDeadLetters.Redrive fromEntries = siteDeadLetters.redrive(clientId, wanted, this::sendToSource, who.keyId());
        int moved = fromEntries.redriven();
        int notRedriven = fromEntries.notRedriven();
        if (who.deploymentOperator()) {
            // The scan deletes the copies just re-driven from their entries, and re-drives the rest of the site's.
            notRedriven = 0;
            for (DeadLetters q : queues) { // each back to its own queue
                moved += q.redrive(ofSite(clientId).and(d -> wanted == null || wanted.contains(d.messageId())), who.keyId()).size();
            }
        }
        return HttpResponses.json(200, Map.of("redriven", moved, "notRedriven", notRedriven));
    }

    /** Sends a body back to the queue named {@code queue}; false when this deployment has no such queue. */
    private boolean sendToSource(String queue, String body) {
        for (DeadLetters q : queues) {
            if (q.queue().equals(queue)) {
                q.sendToSource(body);
                return true;
            }
        }
        return false;
    }

    /** POST /admin/sites/{clientId}/dead-letters/{messageId}/discard {"reason"} */
    APIGatewayV2HTTPResponse discard(AdminPrincipal who, HttpRequest request) {
        String clientId = SiteRoutes.visibleSite(sites, who, request);
        requireOperatorRole(who);
        JsonNode body = AdminBodies.object(request);
        AdminBodies.rejectUnknown(body, Set.of("reason"));
        String reason = AdminBodies.requiredString(body, "reason", 500);
        String messageId = request.pathParameter("messageId");
        // Marked on its entry: the queue's copy, if SQS moved it there yet, goes with the operator's next scan.
        DeadLetters.DeadLetter d = siteDeadLetters.discard(clientId, messageId, who.keyId(), reason);
        for (int i = 0; i < queues.size() && d == null && who.deploymentOperator(); i++) {
            d = queues.get(i).discard(messageId, ofSite(clientId)); // a message whose failure was never recorded
        }
        if (d == null) {
            throw ApiError.notFound();
        }
        failures.recordDiscard(clientId, d, who.keyId(), reason);
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
