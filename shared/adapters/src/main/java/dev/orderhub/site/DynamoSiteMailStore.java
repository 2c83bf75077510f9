package dev.orderhub.site;

import static dev.orderhub.db.Attrs.key;
import static dev.orderhub.db.Attrs.s;

import dev.orderhub.db.Attrs;
import dev.orderhub.db.Keys;
import dev.orderhub.mail.MailAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The DynamoDB {@link SiteMailStore}: a site's {@link SiteMail}, one item in the site's partition
 * ({@code sk = #MAIL}, deleted with the site). The owner's part (name, staff) and the operator's part (verified senders) are separate
 * attributes written by separate updates, so neither overwrites the other.
 *
 * <p>A verified sender belongs to one site: each is also claimed by an item of its own
 * ({@code pk = MAILSENDER#<address in lower case>, sk = #SENDER}, holding the clientId), written
 * only if no other site holds it; releasing it removes the clientId. Claims are taken before the list is written and released after,
 * so an address is never listed on two sites; a write cut short in between leaves at most a claim
 * the same site can take again.
 *
 * <p>Read through a {@link SiteCache}: the workflow runner reads a site's mail for every e-mail, so a
 * warm container keeps it as long as the rest of the site's configuration (SITE_CACHE_SECONDS): a
 * sender verified, withdrawn or a staff address changed reaches warm runners within that time, and
 * this container at once (its writes forget the entry). {@link dev.orderhub.mail.SiteSenders} reads again before it
 * replaces a sender the remembered answer does not allow.
 */
public final class DynamoSiteMailStore implements SiteMailStore {
    private static final String SK = Keys.SITE_MAIL_SK;
    private static final String CLAIM_SK = Keys.MAIL_SENDER_SK;
    private final DynamoDbClient db;
    private final String table;
    private final SiteCache cache;

    /** Reads the table every time. */
    public DynamoSiteMailStore(DynamoDbClient db, String table) {
        this(db, table, new SiteCache(java.time.Duration.ZERO));
    }

    public DynamoSiteMailStore(DynamoDbClient db, String table, SiteCache cache) {
        this.db = db;
        this.table = table;
        this.cache = cache;
    }

    private static String cacheKey(String clientId) {
        return DynamoSiteRepository.sitePk(clientId) + SK;
    }

    @Override
    public SiteMail find(String clientId) {
        return cache.get(cacheKey(clientId), () -> read(clientId), mail -> true);
    }

    @Override
    public boolean readAgainBeforeRefusing(String clientId) {
        return cache.forgetIfOlderThanASecond(cacheKey(clientId));
    }

    private SiteMail read(String clientId) {
        Map<String, AttributeValue> i = db.getItem(GetItemRequest.builder().tableName(table)
                .key(key(DynamoSiteRepository.sitePk(clientId), SK)).consistentRead(true).build()).item();
        if (i == null || i.isEmpty()) {
            return SiteMail.NONE;
        }
        return new SiteMail(Attrs.str(i, "senderName"), Attrs.strList(i, "staff"), Attrs.strList(i, "verifiedSenders"));
    }

    @Override
    public void putOwnerPart(String clientId, String senderName, List<String> staff) {
        cache.forget(cacheKey(clientId));
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":type", s("siteMail"));
        values.put(":staff", Attrs.list(staff));
        String set = "SET #t = :type, staff = :staff";
        if (senderName != null) {
            values.put(":name", s(senderName));
            set += ", senderName = :name";
        }
        db.updateItem(UpdateItemRequest.builder().tableName(table).key(key(DynamoSiteRepository.sitePk(clientId), SK))
                .updateExpression(set + (senderName == null ? " REMOVE senderName" : ""))
                .expressionAttributeNames(Map.of("#t", "type")).expressionAttributeValues(values).build());
    }

    @Override
    public void putVerifiedSenders(String clientId, List<String> addresses) {
        cache.forget(cacheKey(clientId));
        List<String> previous = read(clientId).verifiedSenders();
        Set<String> kept = new HashSet<>();
        List<String> claimed = new ArrayList<>();
        for (String a : addresses) {
            kept.add(MailAddress.key(a));
            try {
                claim(clientId, a);
                claimed.add(a);
            } catch (ConditionalCheckFailedException e) {
                claimed.stream().filter(c -> previous.stream().noneMatch(p -> MailAddress.key(p).equals(MailAddress.key(c))))
                        .forEach(c -> release(clientId, c));
                throw new SenderTaken(a);
            }
        }
        db.updateItem(UpdateItemRequest.builder().tableName(table).key(key(DynamoSiteRepository.sitePk(clientId), SK))
                .updateExpression("SET #t = :type, verifiedSenders = :v")
                .expressionAttributeNames(Map.of("#t", "type"))
                .expressionAttributeValues(Map.of(":type", s("siteMail"), ":v", Attrs.list(addresses))).build());
        previous.stream().filter(p -> !kept.contains(MailAddress.key(p))).forEach(p -> release(clientId, p));
    }

    private void claim(String clientId, String address) {
        Map<String, AttributeValue> item = new HashMap<>(key(claimPk(address), CLAIM_SK));
        item.put("type", s("mailSenderClaim"));
        item.put("clientId", s(clientId));
        item.put("address", s(address));
        db.putItem(PutItemRequest.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(clientId) OR clientId = :c")
                .expressionAttributeValues(Map.of(":c", s(clientId))).build());
    }

    private void release(String clientId, String address) {
        try {
            // Released by removing the holder rather than the item: the admin API only puts and updates items.
            db.updateItem(UpdateItemRequest.builder().tableName(table).key(key(claimPk(address), CLAIM_SK))
                    .updateExpression("REMOVE clientId")
                    .conditionExpression("clientId = :c").expressionAttributeValues(Map.of(":c", s(clientId))).build());
        } catch (ConditionalCheckFailedException notOurs) {
            // another site's claim (or none): leave it
        }
    }

    private static String claimPk(String address) {
        return Keys.mailSender(MailAddress.key(address));
    }
}
