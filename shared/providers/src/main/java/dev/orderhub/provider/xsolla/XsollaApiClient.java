package dev.orderhub.provider.xsolla;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.event.EventKind;
import dev.orderhub.event.PaymentEvent;
import dev.orderhub.json.Json;
import dev.orderhub.order.Order;
import dev.orderhub.provider.api.ApiHttp;
import dev.orderhub.provider.api.Lookup;
import dev.orderhub.provider.api.OutboundHttp;
import dev.orderhub.provider.api.ProviderApi;
import dev.orderhub.provider.api.ProviderApiException;
import dev.orderhub.site.ProviderConfig;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Asks Xsolla about a pending order from the server side. The buyer-side "get order" call (Pay Station's
 * short polling, {@code GET /v2/project/{project_id}/order/{order_id}}) needs the buyer's
 * JWT, which the hub never has; the server-side call is Shop Builder's admin order search,
 * {@code POST /v3/project/{project_id}/admin/order/search} with Basic auth (project id and the
 * project's API key, setting {@code projectId} and secret {@code apiKey}). It lists orders by
 * creation period (at most 10 per page), so the client searches the day before the order's
 * first event up to an hour after it and picks the order whose {@code invoice_id} is the hub's
 * orderRef (the transaction id), or whose {@code order_id} the order carries.
 *
 * <p>Statuses (as Xsolla's order-status documentation lists them; the API adds expired): paid and done → PAYMENT_SUCCEEDED, canceled →
 * PAYMENT_CANCELED, expired (never paid) → PAYMENT_FAILED; new is still open.
 */
public final class XsollaApiClient implements ProviderApi {
    public static final String BASE_URL_ENV = "XSOLLA_API_BASE";
    static final int PAGE_SIZE = 10;
    static final int MAX_PAGES = 20;
    private final OutboundHttp http;
    private final URI base;

    public XsollaApiClient(OutboundHttp http, URI base) {
        this.http = http;
        this.base = base;
    }

    public static XsollaApiClient standard(OutboundHttp http) {
        return new XsollaApiClient(http, http.baseUrl(BASE_URL_ENV, "https://store.xsolla.com/api"));
    }

    @Override
    public String provider() {
        return XsollaProvider.ID;
    }

    @Override
    public Lookup lookup(Order order, ProviderConfig config, Instant now) {
        String key = config == null ? null : config.secret(XsollaProvider.API_KEY);
        if (key == null || key.isBlank()) {
            return Lookup.notConfigured("secret " + XsollaProvider.API_KEY);
        }
        String project = config.settings().get(XsollaProvider.PROJECT_ID_SETTING);
        if (project == null || !project.matches("[0-9]{1,12}")) {
            return Lookup.notConfigured("setting " + XsollaProvider.PROJECT_ID_SETTING);
        }
        String auth = "Basic " + Base64.getEncoder().encodeToString((project + ":" + key).getBytes(StandardCharsets.UTF_8));
        URI uri = URI.create(base + "/v3/project/" + project + "/admin/order/search");
        Instant created = order.createdAt() == null ? now : Instant.parse(order.createdAt());
        Map<String, Object> query = new HashMap<>();
        query.put("created_date_from", created.minus(Duration.ofDays(1)).toString());
        query.put("created_date_until", created.plus(Duration.ofHours(1)).toString());
        query.put("limit", PAGE_SIZE);
        String what = "xsolla order search for " + order.orderRef();
        for (int page = 0; page < MAX_PAGES; page++) {
            query.put("offset", page * PAGE_SIZE);
            String body = Json.write(query);
            OutboundHttp.Answer r = http.post(uri, "application/json", body,
                    Map.of("Authorization", auth, "Accept", "application/json"), what);
            if (r.statusCode() != 200) {
                throw new ProviderApiException(what + ": HTTP " + r.statusCode());
            }
            JsonNode answer;
            try {
                answer = Json.parse(r.body());
            } catch (IllegalArgumentException e) {
                throw new ProviderApiException(what + ": answer is not JSON");
            }
            for (JsonNode candidate : answer.path("orders")) {
                if (isThisOrder(candidate, order)) {
                    return toLookup(candidate, order, now);
                }
            }
            if (!answer.path("has_more").asBoolean(false)) {
                return Lookup.notFound();
            }
        }
        return Lookup.notFound();
    }

    private static boolean isThisOrder(JsonNode candidate, Order order) {
        String invoice = Json.text(candidate, "invoice_id");
        String orderId = candidate.path("order_id").asText(null);
        return (invoice != null && invoice.equals(order.orderRef()))
                || (orderId != null && (("order-" + orderId).equals(order.orderRef())
                        || orderId.equals(order.attributes().get("xsolla.order_id"))));
    }

    static Lookup toLookup(JsonNode xsollaOrder, Order order, Instant now) {
        String status = Json.text(xsollaOrder, "status");
        EventKind kind = status == null ? null : switch (status) {
            case "paid", "done" -> EventKind.PAYMENT_SUCCEEDED;
            case "canceled" -> EventKind.PAYMENT_CANCELED;
            case "expired" -> EventKind.PAYMENT_FAILED;
            default -> null;
        };
        if (kind == null) {
            return Lookup.answered(status, List.of());
        }
        String orderId = xsollaOrder.path("order_id").asText();
        Map<String, String> attributes = new HashMap<>();
        attributes.put("xsolla.order_id", orderId);
        attributes.put("xsolla.order_status", status);
        String invoice = Json.text(xsollaOrder, "invoice_id");
        if (invoice != null) {
            attributes.put("xsolla.transaction_id", invoice);
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : xsollaOrder.path("items")) {
            String sku = Json.text(item, "sku");
            if (sku != null) {
                String qty = Json.text(item, "quantity");
                items.add(qty == null ? sku : sku + " x" + qty);
            }
        }
        JsonNode user = xsollaOrder.path("user");
        String occurredAt = XsollaPayload.instant(Json.text(xsollaOrder, "date_created"));
        PaymentEvent e = new PaymentEvent(PaymentEvent.SCHEMA_VERSION, "reconcile:xsolla:" + orderId + ":" + status,
                XsollaProvider.ID, order.clientId(), order.orderRef(), kind, XsollaPayload.money(xsollaOrder.path("price")),
                new PaymentEvent.Buyer(null, Json.text(user, "email")), null, items, "order",
                "sandbox".equals(Json.text(xsollaOrder, "mode")), occurredAt == null ? now.toString() : occurredAt,
                now.toString(), attributes, "application/json", xsollaOrder.toString(), List.of());
        return Lookup.answered(status, List.of(e));
    }
}
