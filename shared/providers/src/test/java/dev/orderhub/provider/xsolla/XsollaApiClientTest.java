package dev.orderhub.provider.xsolla;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.orderhub.event.EventKind;
import dev.orderhub.json.Json;
import dev.orderhub.money.Money;
import dev.orderhub.provider.api.ApiTesting;
import dev.orderhub.provider.api.Lookup;
import dev.orderhub.site.ProviderConfig;
import dev.orderhub.testing.Samples;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Xsolla look-up against WireMock serving the admin order search's documented answer
 * (samples/xsolla/admin_order_search.json, SOURCES.md; statuses as Xsolla's order-status documentation lists them).
 */
class XsollaApiClientTest {
    private static final String PATH = "/v3/project/44056/admin/order/search";
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final ProviderConfig CONFIG = new ProviderConfig("xsolla",
            Map.of(XsollaProvider.PROJECT_SECRET, "s", XsollaProvider.API_KEY, "xsolla-api-key"), null,
            Map.of(XsollaProvider.PROJECT_ID_SETTING, "44056"), null);

    private WireMockServer server;
    private ApiTesting api;
    private XsollaApiClient client;

    @BeforeEach
    void start() {
        server = ApiTesting.server();
        api = new ApiTesting();
        client = new XsollaApiClient(api.http, URI.create(server.baseUrl()));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private Lookup lookup(String orderRef) {
        return client.lookup(ApiTesting.pendingOrder("xsolla", orderRef, "2018-01-07T12:40:00Z", null), CONFIG, NOW);
    }

    @Test
    void theOrderWithTheTransactionIdIsFoundAndItsPaidStatusApplies() {
        server.stubFor(post(urlEqualTo(PATH)).willReturn(okJson(Samples.read("xsolla/admin_order_search.json"))));

        Lookup l = lookup("100510");

        assertThat(l.providerStatus()).isEqualTo("paid");
        assertThat(l.events()).singleElement().satisfies(e -> {
            assertThat(e.eventId()).isEqualTo("reconcile:xsolla:100510:paid");
            assertThat(e.kind()).isEqualTo(EventKind.PAYMENT_SUCCEEDED);
            assertThat(e.orderRef()).isEqualTo("100510");
            assertThat(e.amount()).isEqualTo(Money.parse("67.34", "USD"));
            assertThat(e.buyer().email()).isEqualTo("user@xsolla.com");
            assertThat(e.occurredAt()).isEqualTo("2018-01-07T12:32:06Z");
        });
        String basic = "Basic " + Base64.getEncoder().encodeToString("44056:xsolla-api-key".getBytes(StandardCharsets.UTF_8));
        server.verify(1, postRequestedFor(urlEqualTo(PATH)).withHeader("Authorization", equalTo(basic))
                .withRequestBody(matchingJsonPath("$.created_date_from", equalTo("2018-01-06T12:40:00Z")))
                .withRequestBody(matchingJsonPath("$.created_date_until", equalTo("2018-01-07T13:40:00Z")))
                .withRequestBody(matchingJsonPath("$.limit", equalTo("10")))
                .withRequestBody(matchingJsonPath("$.offset", equalTo("0"))));
    }

    @Test
    void aFreeOrderIsFoundByItsOrderIdAndDoneIsPaid() {
        server.stubFor(post(urlEqualTo(PATH)).willReturn(okJson(Samples.read("xsolla/admin_order_search.json"))));
        assertThat(lookup("order-100511").events()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(EventKind.PAYMENT_SUCCEEDED);
            assertThat(e.amount()).isNull(); // a free order has no price
        });
    }

    @Test
    void pagesAreFollowedWhileHasMoreAndAnUnknownOrderIsNotFound() {
        server.stubFor(post(urlEqualTo(PATH)).withRequestBody(matchingJsonPath("$.offset", equalTo("0")))
                .willReturn(okJson(Samples.read("xsolla/admin_order_search.json"))));
        server.stubFor(post(urlEqualTo(PATH)).withRequestBody(matchingJsonPath("$.offset", equalTo("10")))
                .willReturn(okJson("{\"has_more\":false,\"orders\":[]}")));
        assertThat(lookup("999999").outcome()).isEqualTo(Lookup.Outcome.NOT_FOUND);
        server.verify(2, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void canceledAndExpiredMapToTheirEventsAndNewIsStillOpen() {
        for (var c : Map.of("canceled", EventKind.PAYMENT_CANCELED, "expired", EventKind.PAYMENT_FAILED).entrySet()) {
            ObjectNode o = (ObjectNode) Json.parse(Samples.read("xsolla/admin_order_search.json")).path("orders").get(1);
            o.put("status", c.getKey());
            Lookup l = XsollaApiClient.toLookup(o, ApiTesting.pendingOrder("xsolla", "100510", null, null), NOW);
            assertThat(l.events()).singleElement().satisfies(e -> {
                assertThat(e.kind()).isEqualTo(c.getValue());
                assertThat(e.eventId()).isEqualTo("reconcile:xsolla:100510:" + c.getKey());
            });
        }
        ObjectNode o = (ObjectNode) Json.parse(Samples.read("xsolla/admin_order_search.json")).path("orders").get(1);
        o.put("status", "new");
        assertThat(XsollaApiClient.toLookup(o, ApiTesting.pendingOrder("xsolla", "100510", null, null), NOW).events()).isEmpty();
    }

    @Test
    void a429WithRetryAfterIsWaitedOut() {
        server.stubFor(post(urlEqualTo(PATH)).inScenario("limited").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")).willSetStateTo("ok"));
        server.stubFor(post(urlEqualTo(PATH)).inScenario("limited").whenScenarioStateIs("ok")
                .willReturn(okJson(Samples.read("xsolla/admin_order_search.json"))));
        assertThat(lookup("100510").events()).hasSize(1);
        assertThat(api.waits).containsExactly(java.time.Duration.ofSeconds(2));
    }

    @Test
    void withoutProjectIdOrApiKeyNothingIsCalled() {
        var order = ApiTesting.pendingOrder("xsolla", "100510", null, null);
        assertThat(client.lookup(order, new ProviderConfig("xsolla", Map.of(XsollaProvider.API_KEY, "k"), null, null, null),
                NOW).outcome()).isEqualTo(Lookup.Outcome.NOT_CONFIGURED);
        assertThat(client.lookup(order, null, NOW).outcome()).isEqualTo(Lookup.Outcome.NOT_CONFIGURED);
        assertThat(server.getAllServeEvents()).isEmpty();
    }
}
