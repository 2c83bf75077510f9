package dev.orderhub.local;

import java.util.List;

/** One sample payload per provider that local mode prints as a signed curl command. */
record DemoSamples(String provider, String description, String payload) {
    static List<DemoSamples> all() {
        return List.of(
                new DemoSamples("kofi", "Ko-fi donation of 3.00 USD",
                        "{\"message_id\":\"demo-msg-1\",\"timestamp\":\"2026-01-01T12:00:00Z\",\"type\":\"Donation\","
                                + "\"from_name\":\"Jo Example\",\"message\":\"Good luck!\",\"amount\":\"3.00\","
                                + "\"email\":\"jo@example.com\",\"currency\":\"USD\",\"kofi_transaction_id\":\"demo-txn-1\","
                                + "\"is_public\":true}"),
                new DemoSamples("xsolla", "Xsolla payment of 9.99 USD (transaction 9001)",
                        "{\"notification_type\":\"payment\",\"purchase\":{\"total\":{\"currency\":\"USD\",\"amount\":9.99}},"
                                + "\"user\":{\"id\":\"demo-user-1\",\"name\":\"Jo Example\",\"email\":\"jo@example.com\"},"
                                + "\"transaction\":{\"id\":9001,\"payment_date\":\"2026-01-01T12:00:00+00:00\"}}"));
    }
}
