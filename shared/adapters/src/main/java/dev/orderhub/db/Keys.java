package dev.orderhub.db;

import java.time.Instant;

/**
 * Every key of the hub's one table, built in one place: partition keys ({@code pk}), sort keys ({@code sk}) and
 * the keys of the indexes ({@code gsi1pk}/{@code gsi1sk} …). docs/data-model.md has the same list as a table, and
 * KeysDocumentationTest keeps the two in step: each method here that builds a key makes a shape the table
 * documents, and each shape the table documents is made by a method here.
 *
 * <p>Tenant isolation rests on these keys: a site's items are found by keys that start with its client id
 * followed by {@code #}. So a client id must not contain {@code #} (nor be empty): {@code ORDER#site_a#x#y} would
 * otherwise be the order {@code y} of site {@code site_a#x} as well as the order {@code x#y} of {@code site_a}.
 * Every method taking a client id refuses such an id ({@link IllegalArgumentException}), whatever checked it
 * before. Ids after the client id (an order id, a reference, a provider's id) may contain anything: they cannot
 * leave the site's prefix.
 *
 * <p>Methods ending in {@code Prefix} or {@code Bound} make the start or end of a range query, not an item's key.
 */
public final class Keys {
    /** Sort key of a site's own item. */
    public static final String SITE_SK = "#SITE";
    /** Sort key of a site's settings. */
    public static final String SETTINGS_SK = "#SETTINGS";
    /** Sort key of a site's risk rules. */
    public static final String RISK_RULES_SK = "#RISKRULES";
    /** Sort key of a site's mail settings (the senders it claimed). */
    public static final String SITE_MAIL_SK = "#MAIL";
    /** Index partition of every site that is not deleted (gsi1). */
    public static final String ALL_SITES = "SITES";
    /** Sort key of an admin key. */
    public static final String ADMIN_KEY_SK = "#KEY";
    /** Sort key of an order. */
    public static final String ORDER_SK = "#ORDER";
    /** Sort key of a payment intent. */
    public static final String INTENT_SK = "#INTENT";
    /** Sort key of an intent reference. */
    public static final String REFERENCE_SK = "#REF";
    /** Sort key of a buyer status access. */
    public static final String STATUS_SK = "#STATUS";
    /** Sort key of a live-status connection's back reference. */
    public static final String LIVE_CONNECTION_SK = "#CONN";
    /** Partition of every sync schedule. */
    public static final String SYNC_SCHEDULES = "SYNCSCHEDULES";
    /** Sort key of a customer. */
    public static final String CUSTOMER_SK = "#CUSTOMER";
    /** Sort key of a site's webhook signing secret (in its workflows partition). */
    public static final String WEBHOOK_SECRET_SK = "#WEBHOOK_SECRET";
    /** Sort key of a workflow run. */
    public static final String RUN_SK = "#RUN";
    /** Sort key of a sent e-mail's pointer to its order. */
    public static final String MAIL_MESSAGE_SK = "#MAIL";
    /** Sort key of a mail sender's claim. */
    public static final String MAIL_SENDER_SK = "#SENDER";
    /** Sort key of a queued message's failure. */
    public static final String FAILURE_SK = "#FAILURE";

    private Keys() {}

    /** Whether {@link #clientId} accepts the id: whether it can stand in a key without naming another site's items. */
    public static boolean isClientId(String clientId) {
        return clientId != null && !clientId.isEmpty() && clientId.indexOf('#') < 0;
    }

    /** The client id, if it can stand in a key without naming another site's items; IllegalArgumentException otherwise. */
    public static String clientId(String clientId) {
        if (!isClientId(clientId)) {
            throw new IllegalArgumentException("not a client id that can be part of a key: " + clientId);
        }
        return clientId;
    }

    // A site's partition: the site, its provider configs, settings, risk rules, mail settings, discards.

    public static String site(String clientId) {
        return "SITE#" + clientId(clientId);
    }

    /** Every site's partition key starts so (a cursor over {@link #ALL_SITES} must). */
    public static String sitePrefix() {
        return "SITE#";
    }

    public static String provider(String provider) {
        return "PROVIDER#" + provider;
    }

    /** Every provider config's sort key starts so. */
    public static String providerPrefix() {
        return "PROVIDER#";
    }

    /** Index sort key of a site in {@link #ALL_SITES}: oldest first. */
    public static String siteListed(String createdAt, String clientId) {
        return createdAt + "#" + clientId(clientId);
    }

    /** Who discarded a dead letter, and why (in the site's partition). */
    public static String discard(String at, String messageId) {
        return "DISCARD#" + at + "#" + messageId;
    }

    // Admin keys.

    public static String adminKey(String sha256) {
        return "ADMINKEY#" + sha256;
    }

    public static String siteKeys(String clientId) {
        return "SITE#" + clientId(clientId) + "#KEYS";
    }

    public static String keyReference(String keyId) {
        return "KEY#" + keyId;
    }

    // Orders and what their partition holds.

    public static String order(String clientId, String orderId) {
        return "ORDER#" + clientId(clientId) + "#" + orderId;
    }

    /** Every order of a site has a partition key that starts so (a cursor's key must). */
    public static String orderPrefix(String clientId) {
        return "ORDER#" + clientId(clientId) + "#";
    }

    public static String siteOrders(String clientId) {
        return "SITE#" + clientId(clientId) + "#ORDERS";
    }

    public static String reviewQueue(String clientId) {
        return "SITE#" + clientId(clientId) + "#REVIEW";
    }

    /** The site of an order index partition ({@link #siteOrders} or {@link #reviewQueue}). */
    public static String clientIdOfSiteIndex(String indexPartition) {
        return indexPartition.substring("SITE#".length(), indexPartition.lastIndexOf('#'));
    }

    /** Index sort key of an item listed newest or oldest first by creation (orders, open intents, runs). */
    public static String listed(String createdAt, String id) {
        return createdAt + "#" + id;
    }

    /** Upper bound of the items listed (by {@link #listed}) at {@code createdAt}, whatever their id. */
    public static String listedBound(String createdAt) {
        return createdAt + "#~";
    }

    public static String reconcile(String provider) {
        return "RECONCILE#" + provider;
    }

    public static String reconcileDue(String nextCheckAt, String clientId, String orderId) {
        return nextCheckAt + "#" + clientId(clientId) + "#" + orderId;
    }

    /** Upper bound of the orders due for a provider look-up at {@code now} ({@code $} sorts after {@code #}). */
    public static String reconcileDueBound(String now) {
        return now + "$";
    }

    public static String orderEvent(String providerEventId) {
        return "EVENT#" + providerEventId;
    }

    public static String orderEventPrefix() {
        return "EVENT#";
    }

    public static String orderAudit(String timestamp, String id) {
        return "AUDIT#" + timestamp + "#" + id;
    }

    public static String orderAuditPrefix() {
        return "AUDIT#";
    }

    /** An order's copy of an e-mail sent about it. */
    public static String orderMail(String sentAt, String sesMessageId) {
        return orderMailPrefix() + sentAt + "#" + sesMessageId;
    }

    public static String orderMailPrefix() {
        return "MAIL#";
    }

    /** An order's copy of a workflow run about it. */
    public static String orderRun(String startedAt, String runId) {
        return orderRunPrefix() + startedAt + "#" + runId;
    }

    public static String orderRunPrefix() {
        return "WFRUN#";
    }

    // Payment intents and buyer status.

    public static String intent(String clientId, String intentId) {
        return "INTENT#" + clientId(clientId) + "#" + intentId;
    }

    public static String openIntents(String clientId) {
        return "SITE#" + clientId(clientId) + "#INTENTS#OPEN";
    }

    public static String intentReference(String clientId, String reference) {
        return "INTENTREF#" + clientId(clientId) + "#" + reference;
    }

    public static String buyerStatus(String intentId) {
        return "STATUS#" + intentId;
    }

    // Live status.

    public static String live(String clientId, String intentId) {
        return "LIVE#" + clientId(clientId) + "#" + intentId;
    }

    public static String liveSubscriber(String connectionId) {
        return liveSubscriberPrefix() + connectionId;
    }

    public static String liveSubscriberPrefix() {
        return "CONN#";
    }

    /** A publication, by its offset (the order's version), fixed width so that offsets sort as numbers. */
    public static String livePublication(long offset) {
        return livePublicationPrefix() + String.format("%012d", offset);
    }

    public static String livePublicationPrefix() {
        return "PUB#";
    }

    public static String liveConnection(String connectionId) {
        return "LIVECONN#" + connectionId;
    }

    // Rate limits: one counter per scope and window.

    public static String rate(String scope) {
        return "RATE#" + scope;
    }

    public static String rateWindow(long windowStart) {
        return "W#" + windowStart;
    }

    /** Rate-limit scope: a site's intents. */
    public static String intentsScope(String clientId) {
        return "INTENTS#" + clientId(clientId);
    }

    /** Rate-limit scope: a site's intents from one address. */
    public static String intentsByAddressScope(String clientId, String addressHash) {
        return "INTENTS#" + clientId(clientId) + "#IP#" + addressHash;
    }

    /** Rate-limit scope: a site's buyer status look-ups from one address. */
    public static String statusByAddressScope(String clientId, String addressHash) {
        return "STATUS#" + clientId(clientId) + "#IP#" + addressHash;
    }

    // Normalized records and sync.

    public static String record(String clientId, String provider, String type) {
        return "RECORD#" + clientId(clientId) + "#" + provider + "#" + type;
    }

    /** Every record of a site has a partition key that starts so (a cursor's key must). */
    public static String recordPrefix(String clientId) {
        return "RECORD#" + clientId(clientId) + "#";
    }

    public static String siteRecords(String clientId, String type) {
        return "SITE#" + clientId(clientId) + "#RECORDS#" + type;
    }

    public static String recordListed(String createdAt, String provider, String id) {
        return createdAt + "#" + provider + "#" + id;
    }

    public static String syncJob(String clientId) {
        return "SYNC#" + clientId(clientId);
    }

    public static String syncSchedule(String clientId, String provider) {
        return clientId(clientId) + "#" + provider;
    }

    // Customers.

    public static String customer(String clientId, String emailHash) {
        return "CUSTOMER#" + clientId(clientId) + "#" + emailHash;
    }

    // Workflows and their runs.

    public static String workflows(String clientId) {
        return "SITE#" + clientId(clientId) + "#WORKFLOWS";
    }

    public static String workflow(String id) {
        return workflowPrefix() + id;
    }

    public static String workflowPrefix() {
        return "WF#";
    }

    /** Fixed width, so that a workflow's versions sort as numbers. */
    public static String workflowVersion(String id, long version) {
        return "WFV#" + id + "#" + String.format("%010d", version);
    }

    public static String workflowDeleted(String id) {
        return "WFDEL#" + id;
    }

    public static String run(String clientId, String runId) {
        return "WFRUN#" + clientId(clientId) + "#" + runId;
    }

    public static String workflowRuns(String clientId, String workflowId) {
        return "SITE#" + clientId(clientId) + "#WFRUNS#" + workflowId;
    }

    /** Index gsi2: the runs about one order, as the order detail lists them. */
    public static String orderRuns(String clientId, String orderId) {
        return "SITE#" + clientId(clientId) + "#ORDERRUNS#" + orderId;
    }

    /** Index gsi2: the e-mails about one order, as the order detail lists them. */
    public static String orderMails(String clientId, String orderId) {
        return "SITE#" + clientId(clientId) + "#ORDERMAILS#" + orderId;
    }

    public static String stock(String clientId) {
        return "SITE#" + clientId(clientId) + "#STOCK";
    }

    public static String stockItem(String item) {
        return "ITEM#" + item;
    }

    /** A site's slots for runs that call out (at most so many at once per site). */
    public static String outboundSlots(String clientId) {
        return "SITE#" + clientId(clientId) + "#OUTBOUND";
    }

    public static String outboundSlot(int slot) {
        return "SLOT#" + slot;
    }

    // Mail.

    public static String mailMessage(String sesMessageId) {
        return "MAILMSG#" + sesMessageId;
    }

    public static String mailSender(String address) {
        return "MAILSENDER#" + address;
    }

    // The delivery log.

    public static String deliveries(String clientId) {
        return "DELIVERY#" + clientId(clientId);
    }

    /** Every delivery item's sort key starts so. */
    public static String deliveryPrefix() {
        return "T#";
    }

    /** After every sort key that starts with {@code prefix}: the upper bound of a range over them all. */
    public static String endBound(String prefix) {
        return prefix + "~";
    }

    public static String deliveryAccepted(Instant receivedAt, String eventId) {
        return deliveryTimeBound(receivedAt) + "#" + eventId;
    }

    public static String deliveryRefused(Instant minute) {
        return deliveryTimeBound(minute) + "#REFUSED";
    }

    /** The minute of a {@link #deliveryRefused} sort key; null for any other sort key (an accepted callback's). */
    public static Instant deliveryRefusedMinute(String sk) {
        String suffix = "#REFUSED";
        if (!sk.startsWith(deliveryPrefix()) || !sk.endsWith(suffix)) {
            return null;
        }
        return Instant.parse(sk.substring(deliveryPrefix().length(), sk.length() - suffix.length()));
    }

    /** The sort-key bound of a time: every delivery of a later time sorts after it. */
    public static String deliveryTimeBound(Instant t) {
        return "T#" + Timestamps.fixed(t);
    }

    // Failures and dead letters.

    public static String failure(String sqsMessageId) {
        return "FAILURE#" + sqsMessageId;
    }

    public static String deadLetters(String clientId) {
        return "SITE#" + clientId(clientId) + "#DEADLETTERS";
    }
}
