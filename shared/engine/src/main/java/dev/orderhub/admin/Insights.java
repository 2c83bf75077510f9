package dev.orderhub.admin;

import dev.orderhub.log.JsonLog;
import dev.orderhub.order.Order;
import dev.orderhub.order.OrderStatus;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Counts and totals over a set of orders, computed when asked from the orders themselves. Money
 * is summed per currency in minor units only: amounts in different currencies are never added.
 * Gross counts what was received (orders that reached paid or beyond); refunds are what was paid
 * back; net is gross minus refunds.
 */
public final class Insights {
    public static final int TOP_SUPPORTERS = 10;
    private static final Set<OrderStatus> RECEIVED = EnumSet.of(OrderStatus.PAID, OrderStatus.DONE, OrderStatus.DISPUTED,
            OrderStatus.PARTIALLY_REFUNDED, OrderStatus.REFUNDED);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    public enum GroupBy { DAY, PROVIDER, CURRENCY, STATUS }

    private final GroupBy groupBy;
    private final Totals all = new Totals();
    private final Map<String, Totals> groups = new TreeMap<>();
    /** currency → lower-case e-mail → what that buyer gave in it. */
    private final Map<String, Map<String, Supporter>> supporters = new TreeMap<>();

    public Insights(GroupBy groupBy) {
        this.groupBy = groupBy;
    }

    public void add(Order o) {
        all.add(o);
        groups.computeIfAbsent(key(o), k -> new Totals()).add(o);
        if (o.buyerEmail() != null && o.amount() != null && RECEIVED.contains(o.status())) {
            supporters.computeIfAbsent(o.amount().currency(), c -> new TreeMap<>())
                    .computeIfAbsent(o.buyerEmail().toLowerCase(Locale.ROOT), e -> new Supporter(JsonLog.maskEmail(e)))
                    .add(Totals.gross(o) - Totals.refunded(o));
        }
    }

    private String key(Order o) {
        return switch (groupBy) {
            case DAY -> DAY.format(java.time.Instant.parse(o.createdAt()));
            case PROVIDER -> o.provider();
            case CURRENCY -> o.amount() == null ? "none" : o.amount().currency();
            case STATUS -> o.status().wire();
        };
    }

    public Map<String, Object> view() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("groupBy", groupBy.name().toLowerCase(Locale.ROOT));
        out.put("totals", all.view());
        List<Map<String, Object>> list = new ArrayList<>();
        groups.forEach((k, t) -> {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("key", k);
            g.putAll(t.view());
            list.add(g);
        });
        out.put("groups", list);
        Map<String, Object> top = new LinkedHashMap<>();
        supporters.forEach((currency, byEmail) -> top.put(currency, byEmail.values().stream()
                .sorted(Comparator.comparingLong(Supporter::net).reversed().thenComparing(Supporter::buyer))
                .limit(TOP_SUPPORTERS).map(Supporter::view).toList()));
        out.put("topSupporters", top);
        return out;
    }

    /** Orders counted, and money per currency. */
    private static final class Totals {
        private long orders;
        private final Map<String, long[]> byCurrency = new TreeMap<>(); // {count, gross, refunded}

        public void add(Order o) {
            orders++;
            if (o.amount() != null) {
                long[] t = byCurrency.computeIfAbsent(o.amount().currency(), c -> new long[3]);
                t[0]++;
                t[1] = Math.addExact(t[1], gross(o));
                t[2] = Math.addExact(t[2], refunded(o));
            }
        }

        static long gross(Order o) {
            return RECEIVED.contains(o.status()) ? o.amount().minor() : 0;
        }

        static long refunded(Order o) {
            long full = o.fullyRefunded() ? o.amount().minor() : 0;
            return RECEIVED.contains(o.status()) ? Math.min(o.amount().minor(), Math.max(o.refundedMinor(), full)) : 0;
        }

        public Map<String, Object> view() {
            Map<String, Object> money = new LinkedHashMap<>();
            byCurrency.forEach((c, t) -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("orders", t[0]);
                m.put("grossMinor", t[1]);
                m.put("refundedMinor", t[2]);
                m.put("netMinor", t[1] - t[2]);
                money.put(c, m);
            });
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("orders", orders);
            out.put("byCurrency", money);
            return out;
        }
    }

    private static final class Supporter {
        private final String buyer;
        private long net;
        private long orders;

        Supporter(String maskedEmail) {
            this.buyer = maskedEmail;
        }

        void add(long minor) {
            net = Math.addExact(net, minor);
            orders++;
        }

        long net() {
            return net;
        }

        String buyer() {
            return buyer;
        }

        public Map<String, Object> view() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("buyer", buyer);
            out.put("orders", orders);
            out.put("netMinor", net);
            return out;
        }
    }
}
