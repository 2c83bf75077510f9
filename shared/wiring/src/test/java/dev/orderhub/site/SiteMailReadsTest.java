package dev.orderhub.site;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.mail.Email;
import dev.orderhub.mail.MailIdentity;
import dev.orderhub.mail.SiteSenders;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * A warm runner reads a site's mail (senders, staff) once per SITE_CACHE_SECONDS, not once per
 * e-mail; a change made in the same container is seen at once, one made elsewhere within the ttl,
 * and a sender or staff address the remembered answer would refuse is read again first.
 */
class SiteMailReadsTest {
    private final Map<String, Map<String, AttributeValue>> items = new HashMap<>();
    private int gets;
    private final AtomicLong nanos = new AtomicLong(1_000_000_000_000L);

    private final DynamoDbClient db = (DynamoDbClient) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> switch (method.getName()) {
                case "getItem" -> {
                    gets++;
                    Map<String, AttributeValue> k = ((GetItemRequest) args[0]).key();
                    Map<String, AttributeValue> i = items.get(k.get("pk").s() + "|" + k.get("sk").s());
                    yield GetItemResponse.builder().item(i == null ? Map.of() : i).build();
                }
                case "updateItem" -> {
                    UpdateItemRequest u = (UpdateItemRequest) args[0];
                    String key = u.key().get("pk").s() + "|" + u.key().get("sk").s();
                    Map<String, AttributeValue> i = items.computeIfAbsent(key, x -> new HashMap<>());
                    if (u.expressionAttributeValues().containsKey(":v")) {
                        i.put("verifiedSenders", u.expressionAttributeValues().get(":v"));
                    }
                    if (u.expressionAttributeValues().containsKey(":staff")) {
                        i.put("staff", u.expressionAttributeValues().get(":staff"));
                    }
                    yield UpdateItemResponse.builder().build();
                }
                case "putItem" -> PutItemResponse.builder().build();
                case "close" -> null;
                case "serviceName" -> "dynamodb";
                default -> throw new UnsupportedOperationException(method.getName());
            });

    private final SiteCache cache = new SiteCache(Duration.ofSeconds(10), nanos::get);
    private final SiteMailStore admin = new DynamoSiteMailStore(db, "hub", cache.freshReads());
    private final SiteSenders runner = new SiteSenders(new DynamoSiteMailStore(db, "hub", cache), new MailIdentity("hub@hub.example"));

    private String sentFrom(String from) {
        return runner.sign("site_a", new Email(from, "buyer@example.com", "s", "t", null)).from();
    }

    @Test
    void aHundredEmailsOfOneSiteReadItsMailOnce() {
        admin.putVerifiedSenders("site_a", List.of("shop@a.example"));
        gets = 0;
        for (int i = 0; i < 100; i++) {
            assertThat(sentFrom("shop@a.example")).isEqualTo("shop@a.example");
        }
        assertThat(gets).as("was 100: a consistent read per e-mail").isEqualTo(1);
    }

    @Test
    void aWithdrawnSenderIsReplacedAtOnceHereAndWithinTheTtlElsewhere() {
        admin.putVerifiedSenders("site_a", List.of("shop@a.example"));
        assertThat(sentFrom("shop@a.example")).isEqualTo("shop@a.example");
        admin.putVerifiedSenders("site_a", List.of());
        assertThat(sentFrom("shop@a.example")).as("this container's write").isEqualTo("hub@hub.example");

        admin.putVerifiedSenders("site_a", List.of("shop@a.example"));
        assertThat(sentFrom("shop@a.example")).isEqualTo("shop@a.example");
        // withdrawn by another container: this one's answer is kept at most the ttl
        items.get("SITE#site_a|#MAIL").put("verifiedSenders", AttributeValue.builder().l(List.of()).build());
        nanos.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(sentFrom("shop@a.example")).isEqualTo("hub@hub.example");
    }

    @Test
    void aSenderVerifiedElsewhereIsUsedWithoutWaitingForTheTtl() {
        assertThat(sentFrom("shop@a.example")).isEqualTo("hub@hub.example");
        items.put("SITE#site_a|#MAIL", new HashMap<>(Map.of("verifiedSenders",
                AttributeValue.builder().l(AttributeValue.builder().s("shop@a.example").build()).build())));
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(sentFrom("shop@a.example")).isEqualTo("shop@a.example");
    }
}
