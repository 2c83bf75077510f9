package dev.orderhub.admin;

import java.util.List;
import java.util.Map;

/**
 * The fixed CSV header of each export type (and the fields of an NDJSON row). The hub's own columns are named
 * as the rest of the API names them (camelCase; an order's {@code amount.minor} is {@code amountMinor}). Record
 * columns are the hub's own four followed by the properties of the type's declared schema(s) in schemas/, in
 * declaration order (a type produced by two providers has the union): those are the providers' own field names
 * (Stripe's {@code amount_captured}), versioned with the schema, and stay as the provider spells them.
 * ExportColumnsTest checks they match the files; OpenApiTest that openapi.yaml lists every column.
 */
public final class ExportColumns {
    public static final List<String> ORDERS = List.of("orderId", "provider", "orderRef", "status", "amountMinor", "currency",
            "refundedMinor", "buyerName", "buyerEmail", "message", "category", "test", "createdAt", "receivedAt", "updatedAt",
            "intentId", "review");

    /** Columns every record row starts with: where the record came from. */
    public static final List<String> RECORD_PREFIX = List.of("provider", "recordId", "recordCreatedAt", "test");

    /** Which schema files describe each record type's data. */
    public static final Map<String, List<String>> SCHEMA_FILES = Map.of(
            "charge", List.of("charge.v1.json"),
            "refund", List.of("refund.v1.json"),
            "subscription", List.of("subscription.v1.json", "xsolla_subscription.v1.json"),
            "customer", List.of("customer.v1.json"),
            "price", List.of("price.v1.json"),
            "balance_transaction", List.of("balance_transaction.v1.json"));

    public static final Map<String, List<String>> RECORDS = Map.of(
            "charge", List.of("id", "created", "amount", "amount_captured", "amount_refunded", "currency", "status", "paid",
                    "captured", "refunded", "disputed", "customer", "payment_intent", "invoice", "balance_transaction",
                    "description", "billing_name", "billing_email", "receipt_email", "risk_level", "risk_score",
                    "outcome_type", "network_status", "failure_code", "failure_message", "payment_method_type",
                    "card_brand", "card_last4", "card_country", "metadata"),
            "refund", List.of("id", "created", "amount", "currency", "status", "charge", "payment_intent", "reason",
                    "failure_reason", "balance_transaction", "receipt_number", "metadata"),
            "subscription", List.of("id", "created", "customer", "status", "currency", "start_date",
                    "current_period_start", "current_period_end", "cancel_at", "cancel_at_period_end", "canceled_at",
                    "ended_at", "trial_start", "trial_end", "latest_invoice", "collection_method", "items", "metadata",
                    "subscription_id", "plan_id", "product_id", "user_id", "date_create", "date_next_charge", "date_end",
                    "amount", "trial", "is_gift", "notification_type"),
            "customer", List.of("id", "created", "name", "email", "phone", "description", "currency", "balance",
                    "delinquent", "address_country", "deleted", "metadata"),
            "price", List.of("id", "created", "product", "active", "currency", "unit_amount", "unit_amount_decimal",
                    "type", "billing_scheme", "recurring_interval", "recurring_interval_count", "nickname", "lookup_key",
                    "tax_behavior", "metadata"),
            "balance_transaction", List.of("id", "created", "amount", "fee", "net", "currency", "type",
                    "reporting_category", "status", "source", "description", "exchange_rate", "available_on",
                    "fee_details"));

    private ExportColumns() {}
}
