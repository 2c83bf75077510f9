package dev.orderhub.provider.stripe;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderhub.json.Json;
import java.io.IOException;
import java.util.Set;

/**
 * Reads a verified Stripe event in one streaming pass into the part of its tree that
 * {@link StripeNormalizer} and {@link StripeRecords} can see, and nothing more; the callback path
 * spends most of its time building JSON trees, and a Stripe event is mostly fields the hub never
 * reads. The result is indistinguishable from the whole tree ({@link Json#parse}) for the
 * normalizer, because it only ever
 * <ul>
 *   <li>reads fields by name, and every name it reads is in {@link #FIELDS} (kept with their
 *       values, containers pruned the same way inside);
 *   <li>iterates arrays by position (kept whole: every element, scalars included);
 *   <li>iterates a {@code metadata} object's scalars (kept whole);
 *   <li>walks every container looking for objects of a recorded type ({@link #RECORD_TYPES}), so a
 *       container under any other name is kept when such an object is somewhere inside it.
 * </ul>
 * Everything else (the other scalars, containers without a recorded object) is tokenized, so that
 * malformed JSON anywhere still fails as it does for the whole tree, but never materialized.
 * Values are the nodes the mapper would build (int, long, big integer and double nodes by the
 * parser's number type), duplicate keys resolve as in the mapper (the last one wins), and like the
 * mapper the reader stops after the first value. StripeEventReaderTest compares the two on every
 * sample and on generated variants of them.
 */
final class StripeEventReader {
    /**
     * Every name the normalizer and the records read ({@code StripeEventReaderTest} checks this
     * against their sources, so a field read there but missing here fails the build). A few of
     * them are also keys the records write; keeping a field of that name costs nothing more.
     */
    static final Set<String> FIELDS = Set.of("active", "address", "address_country", "amount", "amount_capturable",
            "amount_captured", "amount_due", "amount_paid", "amount_received", "amount_refunded", "available_on",
            "balance", "balance_transaction", "billing_details", "billing_email", "billing_name", "billing_scheme",
            "brand", "cancel_at", "cancel_at_period_end", "canceled_at", "captured", "card", "card_brand",
            "card_country", "card_last4", "charge", "charges", "collection_method", "country", "created", "currency",
            "current_period_end", "current_period_start", "customer", "customer_details", "customer_email",
            "customer_name", "data", "deleted", "delinquent", "description", "dispute", "disputed", "email",
            "ended_at", "exchange_rate", "failure_code", "failure_message", "failure_reason", "fee", "fee_details",
            "id", "interval", "interval_count", "invoice", "items", "last4", "latest_charge", "latest_invoice",
            "livemode", "lookup_key", "metadata", "name", "net", "network_status", "nickname", "object", "outcome",
            "outcome_type", "paid", "payment_intent", "payment_method_details", "payment_method_type", "phone",
            "previous_attributes", "price", "product", "quantity", "reason", "receipt_email", "receipt_number",
            "recurring", "recurring_interval", "recurring_interval_count", "refund", "refunded", "refunds",
            "reporting_category", "risk_level", "risk_score", "source", "start_date", "status", "subscription",
            "tax_behavior", "trial_end", "trial_start", "type", "unit_amount", "unit_amount_decimal");
    /** The {@code object} values {@link StripeRecords#of} turns into records. */
    static final Set<String> RECORD_TYPES = Set.of("charge", "refund", "subscription", "customer", "price",
            "balance_transaction");
    /**
     * Below this depth from the event nothing is read: data.object is at 2, the records' walk stops
     * 32 levels below it, and no read goes more than 6 levels below a record. Deeper containers
     * are only tokenized, which also bounds this reader's recursion.
     */
    private static final int MAX_READ_DEPTH = 48;
    private static final JsonFactory FACTORY = Json.MAPPER.getFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonParser parser;
    /** Whether the container just read holds an object of a recorded type, at any depth. */
    private boolean holdsRecord;

    private StripeEventReader(JsonParser parser) {
        this.parser = parser;
    }

    /**
     * The event's readable tree, or null when the body is not a JSON object (the caller then reads
     * it whole, to reject it exactly as before).
     *
     * @throws IllegalArgumentException when the body is not valid JSON
     */
    static ObjectNode read(String body) {
        try (JsonParser p = FACTORY.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            return new StripeEventReader(p).object(false, 0);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not valid JSON", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable JSON", e);
        }
    }

    /** The object whose START_OBJECT is the current token; leaves the parser on its END_OBJECT. */
    private ObjectNode object(boolean metadata, int depth) throws IOException {
        ObjectNode node = NODES.objectNode();
        boolean anyRecord = false;
        // Once a field outside FIELDS was kept (a metadata value, a container holding a record), a
        // later duplicate of it that is dropped must still remove it: in the whole tree it replaces it.
        boolean keptUnlisted = false;
        String name;
        while ((name = parser.nextFieldName()) != null) {
            JsonToken token = parser.nextToken();
            boolean listed = FIELDS.contains(name);
            JsonNode value;
            if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                value = container(token, name.equals("metadata"), depth + 1);
                if (value == null || !listed && !holdsRecord) {
                    value = null;
                } else {
                    anyRecord |= holdsRecord;
                }
            } else {
                value = listed || metadata ? scalar(token) : null;
            }
            if (value != null) {
                node.set(name, value);
                keptUnlisted |= !listed;
            } else if (keptUnlisted) {
                node.remove(name);
            }
        }
        JsonNode type = node.get("object");
        holdsRecord = anyRecord || type != null && type.isTextual() && RECORD_TYPES.contains(type.textValue());
        return node;
    }

    private ArrayNode array(int depth) throws IOException {
        ArrayNode node = NODES.arrayNode();
        boolean anyRecord = false;
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                JsonNode element = container(token, false, depth + 1);
                // Positions matter (a payment intent's first charge), so a skipped element stays a placeholder.
                node.add(element == null ? NODES.nullNode() : element);
                anyRecord |= holdsRecord;
            } else {
                node.add(scalar(token));
            }
        }
        holdsRecord = anyRecord;
        return node;
    }

    /** A container, or null (after skipping it) when it is too deep to be read. */
    private JsonNode container(JsonToken token, boolean metadata, int depth) throws IOException {
        if (depth > MAX_READ_DEPTH) {
            parser.skipChildren();
            holdsRecord = false;
            return null;
        }
        return token == JsonToken.START_OBJECT ? object(metadata, depth) : array(depth);
    }

    /** The node the mapper builds for this scalar token. */
    private JsonNode scalar(JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> NODES.numberNode(parser.getIntValue());
                case LONG -> NODES.numberNode(parser.getLongValue());
                default -> NODES.numberNode(parser.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDoubleValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            default -> NODES.nullNode();
        };
    }
}
