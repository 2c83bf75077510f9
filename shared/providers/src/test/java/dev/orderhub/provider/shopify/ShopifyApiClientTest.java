package dev.orderhub.provider.shopify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Shopify look-up against WireMock answering {@code GET /admin/api/2025-01/orders/{id}.json}
 * with {@code {"order": …}} built from Shopify's documented order (samples/shopify/orders_paid.json,
 * SOURCES.md). That one sample is a cancelled, voided order; the paid and pending cases change
 * only {@code cancelled_at} and {@code financial_status} (and the refund case adds the documented
 * refund from samples/shopify/refunds_create.json).
 */
class ShopifyApiClientTest {
    private static final String ID = "820982911946154508";
    private static final String PATH = "/admin/api/2025-01/orders/" + ID + ".json";
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final ProviderConfig CONFIG = new ProviderConfig("shopify",
            Map.of(ShopifyProvider.ADMIN_API_TOKEN, "shpat_reconcile_token"), null,
            Map.of(ShopifyProvider.SHOP_DOMAIN_SETTING, "demo-shop.myshopify.com"), null);

    private WireMockServer server;
    private ApiTesting api;
    private ShopifyApiClient client;

    @BeforeEach
    void start() {
        server = ApiTesting.server();
        api = new ApiTesting();
        client = new ShopifyApiClient(api.http, URI.create(server.baseUrl()));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    static String answer(String financialStatus, boolean cancelled, boolean withRefund) {
        ObjectNode order = (ObjectNode) Json.parse(Samples.read("shopify/orders_paid.json"));
        order.put("financial_status", financialStatus);
        if (!cancelled) {
            order.putNull("cancelled_at");
            order.putNull("cancel_reason");
        }
        if (withRefund) {
            order.putArray("refunds").add(Json.parse(Samples.read("shopify/refunds_create.json")));
        }
        ObjectNode body = Json.object();
        body.set("order", order);
        return body.toString();
    }

    private Lookup lookup() {
        return client.lookup(ApiTesting.pendingOrder("shopify", ID, "2026-03-01T11:00:00Z", null), CONFIG, NOW);
    }

    @Test
    void aPaidOrderIsOrdersPaidWithTheShopCurrencyAmount() {
        server.stubFor(get(urlEqualTo(PATH)).willReturn(okJson(answer("paid", false, false))));

        Lookup l = lookup();

        assertThat(l.providerStatus()).isEqualTo("paid");
        assertThat(l.events()).singleElement().satisfies(e -> {
            assertThat(e.eventId()).isEqualTo("reconcile:shopify:" + ID + ":paid");
            assertThat(e.kind()).isEqualTo(EventKind.PAYMENT_SUCCEEDED);
            assertThat(e.orderRef()).isEqualTo(ID);
            assertThat(e.amount()).isEqualTo(Money.parse("404.95", "USD"));
            assertThat(e.buyer().email()).isEqualTo("jon@example.com");
        });
        server.verify(getRequestedFor(urlEqualTo(PATH)).withHeader("X-Shopify-Access-Token", equalTo("shpat_reconcile_token")));
    }

    @Test
    void refundsOnThePaidOrderCountOnceWithTheWebhooksIds() {
        server.stubFor(get(urlEqualTo(PATH)).willReturn(okJson(answer("partially_refunded", false, true))));
        Lookup l = lookup();
        assertThat(l.events()).extracting(e -> e.kind()).containsExactly(EventKind.PAYMENT_SUCCEEDED, EventKind.REFUNDED);
        String refundId = Json.parse(Samples.read("shopify/refunds_create.json")).path("id").asText();
        assertThat(l.events().get(1).eventId()).isEqualTo("refund:" + refundId);
    }

    @Test
    void aCancelledOrderIsOrdersCancelled() {
        server.stubFor(get(urlEqualTo(PATH)).willReturn(okJson(answer("voided", true, false))));
        assertThat(lookup().events()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(EventKind.PAYMENT_CANCELED);
            assertThat(e.eventId()).isEqualTo("reconcile:shopify:" + ID + ":cancelled");
        });
    }

    @Test
    void pendingAndAuthorizedOrdersAreStillOpen() {
        server.stubFor(get(urlEqualTo(PATH)).willReturn(okJson(answer("pending", false, false))));
        assertThat(lookup().events()).isEmpty();
        server.stubFor(get(urlEqualTo(PATH)).willReturn(okJson(answer("authorized", false, false))));
        assertThat(lookup().events()).isEmpty();
    }

    @Test
    void a500ThenTheAnswerIsOneRetry() {
        server.stubFor(get(urlEqualTo(PATH)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(502)).willSetStateTo("ok"));
        server.stubFor(get(urlEqualTo(PATH)).inScenario("flaky").whenScenarioStateIs("ok")
                .willReturn(okJson(answer("paid", false, false))));
        assertThat(lookup().events()).hasSize(1);
        assertThat(api.waits).hasSize(1);
    }

    @Test
    void withoutTokenOrWithAForeignShopDomainNothingIsCalled() {
        var order = ApiTesting.pendingOrder("shopify", ID, "2026-03-01T11:00:00Z", null);
        assertThat(client.lookup(order, new ProviderConfig("shopify", Map.of(), null,
                Map.of(ShopifyProvider.SHOP_DOMAIN_SETTING, "demo-shop.myshopify.com"), null), NOW).outcome())
                .isEqualTo(Lookup.Outcome.NOT_CONFIGURED);
        assertThat(client.lookup(order, new ProviderConfig("shopify", Map.of(ShopifyProvider.ADMIN_API_TOKEN, "t"), null,
                Map.of(ShopifyProvider.SHOP_DOMAIN_SETTING, "169.254.169.254"), null), NOW).outcome())
                .isEqualTo(Lookup.Outcome.NOT_CONFIGURED);
        assertThat(server.getAllServeEvents()).isEmpty();
        assertThatThrownBy(() -> new ShopifyProvider().validateSetting(ShopifyProvider.SHOP_DOMAIN_SETTING, "evil.example"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
