package dev.orderhub.local.load;

import dev.orderhub.event.PaymentEvent;
import dev.orderhub.http.HttpRequest;
import dev.orderhub.local.DemoSite;
import dev.orderhub.local.sign.CallbackSigner;
import dev.orderhub.local.sign.Signers;
import dev.orderhub.order.OrderLifecycle;
import dev.orderhub.provider.Providers;
import dev.orderhub.site.AutoReply;
import dev.orderhub.site.ProviderConfig;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The callbacks of a load run, for one site: purchases round-robin over the providers (or one
 * provider), every tenth Stripe purchase with a partial refund delivered before its payment and
 * every tenth another one after it, and 5 % of the deliveries sent a second time, identical,
 * later in the run: every refund among them, the rest picked at random.
 *
 * <p>Each delivery carries its answer key ({@link Sent}), written here from what was sent: which
 * purchase (its buyer's unique address), what it paid, which refund of how much. The run is
 * graded against that key, never against the hub's own normalizer (a normalizer that dropped
 * refunds would otherwise expect nothing and find nothing missing). {@link Delivery#events} are
 * the normalizer's reading, used only to time each event from sending to applying.
 */
public final class LoadTraffic {
    public static final List<String> PROVIDERS = List.of("kofi", "xsolla", "bmc", "shopify", "stripe");
    /** Providers whose demo configuration sends the buyer a thank-you e-mail. */
    public static final List<String> AUTO_REPLY = List.of("kofi", "bmc");
    static final long REFUND_MINOR = 300;

    /**
     * One HTTP delivery. {@code headers} are the fixed delivery headers (Shopify's webhook id):
     * a provider's retry repeats them; {@link #sign} signs again at send time, as a provider's
     * retry does (Stripe's signature carries the time).
     */
    public record Delivery(int purchase, String provider, String payload, Map<String, String> headers,
            List<PaymentEvent> events, boolean duplicate, String buyerEmail, Sent sent) {
        public CallbackSigner.Signed sign(Instant now) {
            return Signers.find(provider).orElseThrow().sign(payload, DemoSite.SECRETS.get(provider), now, headers);
        }
    }

    /**
     * The answer key of one delivery: a payment of {@code amountMinor} {@code currency} by the
     * purchase's buyer, or the refund {@code refundId} of {@code amountMinor}.
     */
    public record Sent(boolean refund, String refundId, long amountMinor, String currency) {}

    /** What each provider's load payment pays (as written in {@link #payment}). */
    static final Map<String, Long> PAID_MINOR = Map.of("kofi", 300L, "xsolla", 999L, "bmc", 500L, "shopify", 2490L, "stripe", 1099L);

    private LoadTraffic() {}

    /**
     * @param callbacks how many deliveries in all (duplicates and refunds included, roughly)
     * @param providers the providers to spread purchases over
     */
    public static List<Delivery> generate(String clientId, int callbacks, List<String> providers, long seed) {
        Random random = new Random(seed);
        // Buyer addresses unique to the run: e-mails are counted per recipient at the SES stand-in.
        String run = clientId.substring(clientId.indexOf('_') + 1);
        List<Delivery> first = new ArrayList<>();
        int unique = (int) Math.round(callbacks / 1.05);
        for (int n = 0; first.size() < unique; n++) {
            String provider = providers.get(n % providers.size());
            boolean stripe = provider.equals("stripe");
            boolean refundFirst = stripe && (n / providers.size()) % 10 == 3;
            boolean refundAfter = stripe && (n / providers.size()) % 10 == 7;
            Sent refund = new Sent(true, "re_load_" + n, REFUND_MINOR, "USD");
            if (refundFirst && first.size() + 1 < unique) {
                first.add(delivery(clientId, n, provider, stripeRefund(n), Map.of(), email(run, n), refund));
            }
            first.add(delivery(clientId, n, provider, payment(provider, n, email(run, n)), deliveryHeaders(provider, n),
                    email(run, n), new Sent(false, null, PAID_MINOR.get(provider), "USD")));
            if (refundAfter && first.size() + 1 < unique) {
                first.add(delivery(clientId, n, provider, stripeRefund(n), Map.of(), email(run, n), refund));
            }
        }
        List<Delivery> all = new ArrayList<>(first);
        // 5 %: the same delivery again (what a provider does after a timeout it did not see answered),
        // at a random later point of the run; every refund is among them, since a refund applied
        // twice is the duplicate that costs the seller money.
        int duplicates = callbacks - first.size();
        List<Integer> picks = new ArrayList<>();
        List<Integer> others = new ArrayList<>();
        for (int i = 0; i < first.size(); i++) {
            (first.get(i).sent().refund() ? picks : others).add(i);
        }
        Collections.shuffle(others, random);
        picks.addAll(others);
        for (int i = 0; i < duplicates && i < picks.size(); i++) {
            Delivery d = first.get(picks.get(i));
            int at = Math.min(all.size(), picks.get(i) + 1 + random.nextInt(Math.max(1, all.size() - picks.get(i))));
            all.add(at, new Delivery(d.purchase(), d.provider(), d.payload(), d.headers(), d.events(), true, d.buyerEmail(),
                    d.sent()));
        }
        return all;
    }

    private static Delivery delivery(String clientId, int n, String provider, String payload, Map<String, String> headers,
            String email, Sent sent) {
        Instant now = Instant.now();
        CallbackSigner.Signed signed = Signers.find(provider).orElseThrow()
                .sign(payload, DemoSite.SECRETS.get(provider), now, headers);
        List<PaymentEvent> events = Providers.REGISTRY.find(provider).orElseThrow()
                .verifyAndNormalize(request(provider, clientId, signed), config(provider), clientId, now).events().stream()
                .filter(e -> OrderLifecycle.touchesOrders(e.kind())).toList();
        return new Delivery(n, provider, payload, headers, events, false, email, sent);
    }

    static HttpRequest request(String provider, String clientId, CallbackSigner.Signed signed) {
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", signed.contentType());
        signed.headers().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        return new HttpRequest("POST", "/callbacks/" + provider + "/" + clientId, Map.of("clientId", clientId), Map.of(),
                headers, signed.body().getBytes(StandardCharsets.UTF_8), "127.0.0.1");
    }

    private static ProviderConfig config(String provider) {
        return new ProviderConfig(provider, DemoSite.SECRETS.get(provider), Map.of(),
                DemoSite.SETTINGS.getOrDefault(provider, Map.of()), AutoReply.OFF);
    }

    static String email(String run, int n) {
        return "load-" + run + "-" + n + "@example.com";
    }

    public static Map<String, String> deliveryHeaders(String provider, int n) {
        return provider.equals("shopify")
                ? Map.of("X-Shopify-Topic", "orders/paid", "X-Shopify-Webhook-Id", "load-webhook-" + n)
                : Map.of();
    }

    /** A payment of purchase n by the provider, in its own wire shape (fields as in its documented samples). */
    public static String payment(String provider, int n, String email) {
        String at = Instant.now().toString();
        return switch (provider) {
            case "kofi" -> "{\"message_id\":\"load-msg-" + n + "\",\"timestamp\":\"" + at + "\",\"type\":\"Donation\","
                    + "\"from_name\":\"Load " + n + "\",\"message\":\"load run\",\"amount\":\"3.00\",\"email\":\"" + email
                    + "\",\"currency\":\"USD\",\"kofi_transaction_id\":\"load-txn-" + n + "\",\"is_public\":true}";
            case "xsolla" -> "{\"notification_type\":\"payment\",\"purchase\":{\"total\":{\"currency\":\"USD\",\"amount\":9.99}},"
                    + "\"user\":{\"id\":\"demo-user-1\",\"name\":\"Load " + n + "\",\"email\":\"" + email + "\"},"
                    + "\"transaction\":{\"id\":" + (700000 + n) + ",\"payment_date\":\"2026-01-01T12:00:00+00:00\"}}";
            case "bmc" -> "{\"type\":\"donation.created\",\"live_mode\":false,\"attempt\":1,\"created\":" + Instant.now().getEpochSecond()
                    + ",\"event_id\":" + (500000 + n) + ",\"data\":{\"id\":" + (500000 + n) + ",\"amount\":5,\"object\":\"payment\","
                    + "\"status\":\"succeeded\",\"currency\":\"USD\",\"refunded\":\"false\",\"support_note\":\"load run\","
                    + "\"supporter_name\":\"Load " + n + "\",\"supporter_email\":\"" + email + "\",\"transaction_id\":\"load-bmc-" + n
                    + "\",\"coffee_count\":1,\"coffee_price\":5}}";
            case "shopify" -> "{\"id\":" + (8200000000000L + n) + ",\"name\":\"#L" + n + "\",\"email\":\"" + email + "\","
                    + "\"created_at\":\"2026-01-01T12:00:00-05:00\",\"updated_at\":\"2026-01-01T12:01:00-05:00\","
                    + "\"currency\":\"USD\",\"total_price\":\"24.90\",\"financial_status\":\"paid\",\"test\":true,"
                    + "\"customer\":{\"first_name\":\"Load\",\"last_name\":\"" + n + "\"},"
                    + "\"line_items\":[{\"title\":\"Sticker pack\",\"quantity\":2}]}";
            case "stripe" -> "{\"id\":\"evt_load_" + n + "\",\"object\":\"event\",\"type\":\"charge.succeeded\","
                    + "\"created\":" + Instant.now().getEpochSecond() + ",\"livemode\":false,\"data\":{\"object\":{"
                    + "\"id\":\"ch_load_" + n + "\",\"object\":\"charge\",\"amount\":1099,\"currency\":\"usd\","
                    + "\"status\":\"succeeded\",\"captured\":true,\"paid\":true,\"created\":" + Instant.now().getEpochSecond() + ","
                    + "\"payment_intent\":\"pi_load_" + n + "\",\"description\":\"Load run\","
                    + "\"billing_details\":{\"name\":\"Load " + n + "\",\"email\":\"" + email + "\"}}}}";
            default -> throw new IllegalArgumentException("no load payload for " + provider);
        };
    }

    /** A partial refund of a Stripe payment (refund.created), delivered before the payment itself. */
    private static String stripeRefund(int n) {
        return "{\"id\":\"evt_load_refund_" + n + "\",\"object\":\"event\",\"type\":\"refund.created\",\"created\":"
                + Instant.now().getEpochSecond() + ",\"livemode\":false,\"data\":{\"object\":{\"id\":\"re_load_" + n
                + "\",\"object\":\"refund\",\"amount\":" + REFUND_MINOR + ",\"charge\":\"ch_load_" + n + "\",\"currency\":\"usd\","
                + "\"payment_intent\":\"pi_load_" + n + "\",\"status\":\"succeeded\",\"created\":" + Instant.now().getEpochSecond() + "}}}";
    }
}
