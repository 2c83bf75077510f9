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
                new DemoSamples("stripe", "Stripe charge.succeeded of 10.99 USD (test mode)",
                        "{\"id\":\"evt_demo_1\",\"object\":\"event\",\"type\":\"charge.succeeded\","
                                + "\"created\":1767268800,\"livemode\":false,\"data\":{\"object\":{"
                                + "\"id\":\"ch_demo_1\",\"object\":\"charge\",\"amount\":1099,\"currency\":\"usd\","
                                + "\"status\":\"succeeded\",\"captured\":true,\"paid\":true,\"created\":1767268800,"
                                + "\"payment_intent\":\"pi_demo_1\",\"description\":\"Demo purchase\","
                                + "\"billing_details\":{\"name\":\"Jo Example\",\"email\":\"jo@example.com\"},"
                                + "\"outcome\":{\"risk_level\":\"normal\",\"risk_score\":32,\"type\":\"authorized\"}}}}"));
    }
}
