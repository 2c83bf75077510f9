package dev.orderhub.functions.admin;

import dev.orderhub.admin.ExportColumns;
import dev.orderhub.admin.Csv;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderhub.admin.AdminPrincipal;
import dev.orderhub.db.CreatedRange;
import dev.orderhub.http.ApiError;
import dev.orderhub.http.HttpRequest;
import dev.orderhub.http.HttpResponses;
import dev.orderhub.json.Json;
import dev.orderhub.order.Order;
import dev.orderhub.order.OrderFilter;
import dev.orderhub.order.DynamoOrderRepository;
import dev.orderhub.order.OrderRepository;
import dev.orderhub.record.NormalizedRecord;
import dev.orderhub.record.DynamoRecordRepository;
import dev.orderhub.record.RecordRepository;
import dev.orderhub.site.SiteRepository;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * GET /admin/sites/{clientId}/export?type=&format=ndjson|csv&from=&to=&limit=&cursor= (and for type=orders the
 * order list's filters): a site's
 * orders or normalized records, newest first. A Lambda proxy answer cannot stream and API
 * Gateway caps it at 6 MB, so an export comes in pages of up to {@code limit} (≤ 1000) rows and
 * about 4 MB; the next page's cursor is in {@code X-Next-Cursor} and a {@code Link: rel="next"}
 * header, absent on the last page. A CSV page always starts with its type's fixed header row.
 */
final class ExportRoutes {
    static final int MAX_ROWS = 1000;
    static final int MAX_BYTES = 4 * 1024 * 1024;
    private final SiteRepository sites;
    private final OrderRepository orders;
    private final RecordRepository records;

    ExportRoutes(SiteRepository sites, OrderRepository orders, RecordRepository records) {
        this.sites = sites;
        this.orders = orders;
        this.records = records;
    }

    APIGatewayV2HTTPResponse export(AdminPrincipal who, HttpRequest request) {
        String clientId = SiteRoutes.visibleSite(sites, who, request);
        AdminQuery.only(request, Set.of("type", "format", "from", "to", "limit", "cursor", "provider", "status", "amountMin",
                "amountMax", "currency", "email", "q", "tag", "test"));
        Set<String> types = new java.util.HashSet<>(ExportColumns.RECORDS.keySet());
        types.add("orders");
        String type = AdminQuery.choice(request, "type", types, null);
        if (type == null) {
            throw ApiError.invalid("type", "type is required, one of " + new java.util.TreeSet<>(types));
        }
        boolean csv = "csv".equals(AdminQuery.choice(request, "format", Set.of("ndjson", "csv"), "ndjson"));
        CreatedRange range = OrderRoutes.range(request);
        int limit = AdminQuery.integer(request, "limit", 1, MAX_ROWS, MAX_ROWS);
        String cursor = AdminQuery.text(request, "cursor", 2048);
        // The order list's filters, for type=orders only (the records have none of these fields): a filtered list is
        // exported as shown.
        OrderFilter filter = OrderRoutes.filter(request);
        if (!"orders".equals(type) && !filter.isEmpty()) {
            throw ApiError.invalid("type", "only type=orders takes the order filters (provider, status, amountMin, amountMax, "
                    + "currency, email, q, tag, test)");
        }
        List<String> columns = "orders".equals(type) ? ExportColumns.ORDERS : recordColumns(type);
        Page page = new Page(csv, columns);
        try {
            if ("orders".equals(type)) {
                // A filtered page may be short and still have a next (as the order list's): reads are bounded the same way.
                OrderRepository.Page read = orders.search(clientId, range, filter, limit, cursor,
                        filter.isEmpty() ? 1 : OrderRoutes.MAX_READS);
                for (Order o : read.orders()) {
                    if (!page.add(orderRow(o))) {
                        return page.respond(request, DynamoOrderRepository.cursorAfter(last(read.orders(), o)));
                    }
                }
                return page.respond(request, read.next());
            }
            RecordRepository.Page read = records.page(clientId, type, range, limit, cursor);
            for (NormalizedRecord r : read.records()) {
                if (!page.add(recordRow(r))) {
                    return page.respond(request, DynamoRecordRepository.cursorAfter(clientId, last(read.records(), r)));
                }
            }
            return page.respond(request, read.next());
        } catch (IllegalArgumentException e) {
            throw ApiError.invalidCursor();
        }
    }

    /** The row before {@code first}: the last one that fitted (a first row that does not fit is sent alone). */
    private static <T> T last(List<T> rows, T first) {
        int i = rows.indexOf(first);
        return rows.get(Math.max(0, i - 1));
    }

    private static List<String> recordColumns(String type) {
        List<String> out = new ArrayList<>(ExportColumns.RECORD_PREFIX);
        out.addAll(ExportColumns.RECORDS.get(type));
        return out;
    }

    private static ObjectNode orderRow(Order o) {
        ObjectNode row = Json.object();
        row.put("orderId", o.orderId());
        row.put("provider", o.provider());
        row.put("orderRef", o.orderRef());
        row.put("status", o.status().wire());
        if (o.amount() != null) {
            row.put("amountMinor", o.amount().minor());
            row.put("currency", o.amount().currency());
        } else {
            row.putNull("amountMinor");
            row.putNull("currency");
        }
        row.put("refundedMinor", o.refundedMinor());
        row.put("buyerName", o.buyerName());
        row.put("buyerEmail", o.buyerEmail());
        row.put("message", o.message());
        row.put("category", o.category());
        row.put("test", o.test());
        row.put("createdAt", o.createdAt());
        row.put("receivedAt", o.receivedAt());
        row.put("updatedAt", o.updatedAt());
        row.put("intentId", o.match().intentId());
        row.put("review", o.match().review().name().toLowerCase(java.util.Locale.ROOT));
        return row;
    }

    private static ObjectNode recordRow(NormalizedRecord r) {
        ObjectNode row = Json.object();
        row.put("provider", r.provider());
        row.put("recordId", r.id());
        row.put("recordCreatedAt", r.createdAt());
        row.put("test", r.test());
        if (r.data() != null && r.data().isObject()) {
            r.data().fields().forEachRemaining(f -> row.set(f.getKey(), f.getValue()));
        }
        return row;
    }

    /** One page of the export being written, refusing a row that would take it past {@link #MAX_BYTES}. */
    private static final class Page {
        private final boolean csv;
        private final List<String> columns;
        private final StringBuilder body = new StringBuilder();
        private int rows;

        Page(boolean csv, List<String> columns) {
            this.csv = csv;
            this.columns = columns;
            if (csv) {
                body.append(Csv.header(columns));
            }
        }

        boolean add(ObjectNode row) {
            String line;
            if (csv) {
                List<JsonNode> values = new ArrayList<>();
                columns.forEach(c -> values.add(row.get(c)));
                line = Csv.row(values);
            } else {
                line = Json.write(row) + "\n";
            }
            if (rows > 0 && (long) body.length() * 3 + line.length() * 3L > MAX_BYTES) {
                return false; // UTF-8 needs at most 3 bytes per Java char: a safe bound without encoding twice
            }
            body.append(line);
            rows++;
            return true;
        }

        APIGatewayV2HTTPResponse respond(HttpRequest request, String next) {
            Map<String, String> headers = new HashMap<>();
            headers.put("content-type", csv ? "text/csv; charset=utf-8" : "application/x-ndjson");
            headers.put("x-row-count", Integer.toString(rows));
            if (next != null) {
                headers.put("x-next-cursor", next);
                StringBuilder link = new StringBuilder(request.path()).append('?');
                request.queryParameters().forEach((k, v) -> {
                    if (!"cursor".equals(k)) {
                        link.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&');
                    }
                });
                link.append("cursor=").append(next);
                headers.put("link", "<" + link + ">; rel=\"next\"");
            }
            return HttpResponses.respond(200, body.toString(), headers);
        }
    }
}
