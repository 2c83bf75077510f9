package dev.orderhub.functions.admin;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.orderhub.admin.AdminKeys;
import dev.orderhub.admin.AdminPrincipal;
import dev.orderhub.event.PaymentEvent;
import dev.orderhub.http.ApiError;
import dev.orderhub.http.HttpRequest;
import dev.orderhub.http.HttpResponses;
import dev.orderhub.mail.DynamoMailMessages;
import dev.orderhub.order.AuditTrail;
import dev.orderhub.order.Order;
import dev.orderhub.order.OrderPointers;
import dev.orderhub.order.OrderRepository;
import dev.orderhub.workflow.AutoReplyState;
import dev.orderhub.site.SiteRepository;
import dev.orderhub.db.CreatedRange;
import dev.orderhub.order.OrderFilter;
import dev.orderhub.order.OrderStatus;
import dev.orderhub.provider.Providers;
import dev.orderhub.workflow.DynamoRunStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A site's orders: the list (newest first, cursor-paged) and one order with its history, audit
 * trail, e-mails and workflow runs (the newest {@value OrderPointers#SHOWN} of each, one Query each).
 */
final class OrderRoutes {
    private static final Pattern ORDER_ID = Pattern.compile("[a-z0-9]{2,20}_[a-z0-9]{20}");
    private final SiteRepository sites;
    private final OrderRepository orders;
    private final AuditTrail audit;
    private final DynamoMailMessages mails;
    private final DynamoRunStore runs;
    private final AutoReplyState autoReplies;
    private final AdminKeys keys;

    OrderRoutes(SiteRepository sites, OrderRepository orders, AuditTrail audit, DynamoMailMessages mails, DynamoRunStore runs,
            AutoReplyState autoReplies, AdminKeys keys) {
        this.keys = keys;
        this.sites = sites;
        this.orders = orders;
        this.audit = audit;
        this.mails = mails;
        this.runs = runs;
        this.autoReplies = autoReplies;
    }

    /** Index reads one list request may make while looking for matches: bounds its cost and time. */
    static final int MAX_READS = 10;
    private static final Set<String> LIST_PARAMS = Set.of("limit", "cursor", "provider", "status", "from", "to",
            "amountMin", "amountMax", "currency", "email", "q", "tag", "test");

    /**
     * GET /admin/sites/{clientId}/orders with filters. The date range is the index's key
     * condition; the other filters are applied to what is read (see {@link OrderRepository#search}).
     * A page may hold fewer than {@code limit} orders and still have a {@code next}.
     */
    APIGatewayV2HTTPResponse list(AdminPrincipal who, HttpRequest request) {
        String clientId = SiteRoutes.visibleSite(sites, who, request);
        AdminQuery.only(request, LIST_PARAMS);
        int limit = limit(request);
        CreatedRange range = range(request);
        OrderFilter filter = filter(request);
        String cursor = AdminQuery.text(request, "cursor", 2048);
        OrderRepository.Page page;
        try {
            page = orders.search(clientId, range, filter, limit, cursor, MAX_READS);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalidCursor();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("orders", page.orders().stream().map(OrderRoutes::view).toList());
        out.put("next", page.next());
        return HttpResponses.json(200, out);
    }

    /** The optional {@code from} (inclusive) and {@code to} (exclusive) parameters. */
    static CreatedRange range(HttpRequest request) {
        Instant from = AdminQuery.instant(request, "from");
        Instant to = AdminQuery.instant(request, "to");
        if (from != null && to != null && !from.isBefore(to)) {
            throw ApiError.invalid("to", "to must be after from");
        }
        return new CreatedRange(from, to);
    }

    /** Both {@code from} and {@code to}, at most {@code maxDays} apart: for reads that take the whole range. */
    static CreatedRange boundedRange(HttpRequest request, int maxDays) {
        CreatedRange range = range(request);
        if (range.from() == null || range.to() == null) {
            throw ApiError.invalid(range.from() == null ? "from" : "to", "from and to are required");
        }
        if (Duration.between(range.from(), range.to()).compareTo(Duration.ofDays(maxDays)) > 0) {
            throw ApiError.invalid("to", "the range may span at most " + maxDays + " days");
        }
        return range;
    }

    static OrderFilter filter(HttpRequest request) {
        String provider = AdminQuery.text(request, "provider", 40);
        if (provider != null && Providers.REGISTRY.find(provider).isEmpty()) {
            throw ApiError.invalid("provider", "provider must be one of " + Providers.REGISTRY.ids());
        }
        String status = AdminQuery.text(request, "status", 30);
        OrderStatus s = null;
        if (status != null) {
            s = Arrays.stream(OrderStatus.values()).filter(v -> v.wire().equals(status)).findFirst()
                    .orElseThrow(() -> ApiError.invalid("status", "status must be one of "
                            + Arrays.stream(OrderStatus.values()).map(OrderStatus::wire).toList()));
        }
        Long min = AdminQuery.minorUnits(request, "amountMin");
        Long max = AdminQuery.minorUnits(request, "amountMax");
        if (min != null && max != null && min > max) {
            throw ApiError.invalid("amountMax", "amountMax must not be below amountMin");
        }
        String email = AdminQuery.text(request, "email", 254);
        if (email != null && !email.matches("[^@\\s]+@[^@\\s]+")) {
            throw ApiError.invalid("email", "email must be an e-mail address");
        }
        return new OrderFilter(provider, s, min, max, AdminQuery.currency(request, "currency"), email,
                AdminQuery.text(request, "q", 100), AdminQuery.text(request, "tag", 100), AdminQuery.bool(request, "test"));
    }

    APIGatewayV2HTTPResponse get(AdminPrincipal who, HttpRequest request) {
        String clientId = SiteRoutes.visibleSite(sites, who, request);
        Order order = order(orders, clientId, request);
        Map<String, Object> out = view(order);
        out.put("autoReply", autoReplies.of(order)); // from the thank-you workflow's run: a read, so in the detail only
        out.put("history", orders.history(clientId, order.orderId()).stream().map(OrderRoutes::historyView).toList());
        out.put("audit", auditView(clientId, audit.list(clientId, order.orderId())));
        out.put("emails", mails.forOrder(clientId, order.orderId()));
        out.put("runs", runs.forOrder(clientId, order.orderId()));
        return HttpResponses.json(200, out);
    }

    /**
     * The audit entries, each with byLabel: the label of the key that acted (the person it was issued to), looked
     * up only when there are entries; null for a key without one or the deployment's operator.
     */
    private List<Map<String, Object>> auditView(String clientId, List<AuditTrail.Entry> entries) {
        Map<String, String> labels = entries.isEmpty() ? Map.of() : keys.labels(clientId);
        return entries.stream().map(e -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("at", e.at());
            out.put("action", e.action());
            out.put("by", e.by());
            out.put("byLabel", labels.get(e.by()));
            out.put("details", e.details());
            return out;
        }).toList();
    }

    /** The {limit} query parameter: 1 to 200, 50 when absent. */
    static int limit(HttpRequest request) {
        return AdminQuery.integer(request, "limit", 1, 200, 50);
    }

    /** The order in the path, of a site the caller may see; 404 otherwise. */
    static Order order(OrderRepository orders, String clientId, HttpRequest request) {
        String orderId = request.pathParameter("orderId");
        if (orderId == null || !ORDER_ID.matcher(orderId).matches()) {
            throw ApiError.notFound();
        }
        return orders.find(clientId, orderId).orElseThrow(ApiError::notFound);
    }

    static Map<String, Object> view(Order o) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("orderId", o.orderId());
        out.put("clientId", o.clientId());
        out.put("provider", o.provider());
        out.put("orderRef", o.orderRef());
        out.put("status", o.status().wire());
        if (o.amount() != null) {
            out.put("amount", Map.of("minor", o.amount().minor(), "currency", o.amount().currency(),
                    "decimal", o.amount().toDecimalString()));
        }
        out.put("refundedMinor", o.refundedMinor());
        Map<String, Object> buyer = new LinkedHashMap<>();
        buyer.put("name", o.buyerName());
        buyer.put("email", o.buyerEmail());
        out.put("buyer", buyer);
        out.put("message", o.message());
        out.put("items", o.items());
        out.put("category", o.category());
        out.put("test", o.test());
        out.put("createdAt", o.createdAt());
        out.put("receivedAt", o.receivedAt());
        out.put("updatedAt", o.updatedAt());
        out.put("tags", o.tags()); // sorted, never null; what ?tag= filters on
        out.put("risk", riskView(o.risk()));
        out.put("mailError", mailErrorView(o.mailError()));
        out.put("attributes", new java.util.TreeMap<>(o.attributes())); // the providers' only
        Map<String, Object> match = new LinkedHashMap<>();
        match.put("intentId", o.match().intentId());
        match.put("reason", o.match().reason());
        match.put("review", o.match().review().name().toLowerCase(java.util.Locale.ROOT));
        match.put("candidates", o.match().candidates());
        match.put("decidedAt", o.match().decidedAt());
        match.put("suggested", o.match().suggested());
        match.put("expected", dev.orderhub.money.MoneyJson.of(o.match().expected()));
        out.put("match", match);
        out.put("version", o.version());
        // What POST .../status accepts for this order now (ManualTransitions' one table), in the lifecycle's order.
        out.put("allowedTransitions", dev.orderhub.order.ManualTransitions.targets(o.status()).stream().sorted()
                .map(OrderStatus::wire).toList());
        return out;
    }

    private static Map<String, Object> riskView(dev.orderhub.risk.RiskAssessment r) {
        if (r == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("level", r.level().wire());
        out.put("score", r.score());
        out.put("reasons", r.reasons());
        out.put("eventId", r.id());
        out.put("analyzedAt", r.analyzedAt());
        return out;
    }

    private static Map<String, Object> mailErrorView(Order.MailError e) {
        if (e == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", e.kind());
        out.put("reason", e.reason());
        out.put("at", e.at());
        return out;
    }

    private static Map<String, Object> historyView(PaymentEvent e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("eventId", e.eventId());
        out.put("kind", e.kind().name().toLowerCase(java.util.Locale.ROOT));
        out.put("occurredAt", e.occurredAt());
        out.put("receivedAt", e.receivedAt());
        if (e.amount() != null) {
            out.put("amount", Map.of("minor", e.amount().minor(), "currency", e.amount().currency()));
        }
        out.put("rawContentType", e.rawContentType());
        out.put("raw", e.raw());
        // Kept by the callback pipeline with secrets removed; none for an event that came with no callback.
        out.put("headers", e.headers() == null ? Map.of() : e.headers());
        return out;
    }
}
