package dev.orderhub.local;

import java.util.List;
import java.util.Map;

/**
 * One sample payload per provider that local mode prints as a signed curl command.
 *
 * @param headers delivery headers that are not in the payload (Shopify's topic)
 */
public record DemoSamples(String provider, String description, String payload, Map<String, String> headers) {
    public static List<DemoSamples> all() {
        return List.of(
                new DemoSamples("kofi", "Ko-fi donation of 3.00 USD",
                        "{\"message_id\":\"demo-msg-1\",\"timestamp\":\"2026-01-01T12:00:00Z\",\"type\":\"Donation\","
                                + "\"from_name\":\"Jo Example\",\"message\":\"Good luck!\",\"amount\":\"3.00\","
                                + "\"email\":\"jo@example.com\",\"currency\":\"USD\",\"kofi_transaction_id\":\"demo-txn-1\","
                                + "\"is_public\":true}", Map.of()),
                new DemoSamples("xsolla", "Xsolla payment of 9.99 USD (transaction 9001)",
                        "{\"notification_type\":\"payment\",\"purchase\":{\"total\":{\"currency\":\"USD\",\"amount\":9.99}},"
                                + "\"user\":{\"id\":\"demo-user-1\",\"name\":\"Jo Example\",\"email\":\"jo@example.com\"},"
                                + "\"transaction\":{\"id\":9001,\"payment_date\":\"2026-01-01T12:00:00+00:00\"}}", Map.of()),
                new DemoSamples("bmc", "Buy Me a Coffee donation of 5 USD (fields as in BMC's test delivery)",
                        "{\"type\":\"donation.created\",\"live_mode\":false,\"attempt\":1,\"created\":1767268800,"
                                + "\"event_id\":1001,\"data\":{\"id\":58,\"amount\":5,\"object\":\"payment\","
                                + "\"status\":\"succeeded\",\"currency\":\"USD\",\"refunded\":\"false\","
                                + "\"support_note\":\"Thanks for the good work\",\"supporter_name\":\"Jo Example\","
                                + "\"supporter_email\":\"jo@example.com\",\"transaction_id\":\"demo-bmc-txn-1\","
                                + "\"coffee_count\":1,\"coffee_price\":5}}", Map.of()),
                new DemoSamples("shopify", "Shopify orders/paid of 24.90 USD (a trimmed Shopify order)",
                        "{\"id\":820982911946154508,\"name\":\"#1001\",\"email\":\"jo@example.com\","
                                + "\"created_at\":\"2026-01-01T12:00:00-05:00\",\"updated_at\":\"2026-01-01T12:01:00-05:00\","
                                + "\"currency\":\"USD\",\"total_price\":\"24.90\",\"financial_status\":\"paid\",\"test\":true,"
                                + "\"customer\":{\"first_name\":\"Jo\",\"last_name\":\"Example\"},"
                                + "\"line_items\":[{\"title\":\"Sticker pack\",\"quantity\":2}]}",
                        Map.of("X-Shopify-Topic", "orders/paid")),
                new DemoSamples("stripe", "Stripe charge.succeeded of 10.99 USD (test mode)",
                        "{\"id\":\"evt_demo_1\",\"object\":\"event\",\"type\":\"charge.succeeded\","
                                + "\"created\":1767268800,\"livemode\":false,\"data\":{\"object\":{"
                                + "\"id\":\"ch_demo_1\",\"object\":\"charge\",\"amount\":1099,\"currency\":\"usd\","
                                + "\"status\":\"succeeded\",\"captured\":true,\"paid\":true,\"created\":1767268800,"
                                + "\"payment_intent\":\"pi_demo_1\",\"description\":\"Demo purchase\","
                                + "\"billing_details\":{\"name\":\"Jo Example\",\"email\":\"jo@example.com\"},"
                                + "\"outcome\":{\"risk_level\":\"normal\",\"risk_score\":32,\"type\":\"authorized\"}}}}", Map.of()));
    }
}
