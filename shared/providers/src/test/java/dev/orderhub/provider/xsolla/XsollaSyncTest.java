package dev.orderhub.provider.xsolla;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import dev.orderhub.event.PaymentEvent;
import dev.orderhub.json.Json;
import dev.orderhub.provider.api.ApiTesting;
import dev.orderhub.provider.api.ProviderApiException;
import dev.orderhub.record.NormalizedRecord;
import dev.orderhub.site.ProviderConfig;
import dev.orderhub.sync.SyncSource;
import dev.orderhub.testing.Requests;
import dev.orderhub.testing.Samples;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Xsolla subscription sync's list calls against WireMock serving Xsolla's documented
 * subscription objects (samples/xsolla/subscriptions_list.json: the Subscriptions API reference's
 * "Get subscription" and "Update subscription" response examples, see SOURCES.md).
 */
class XsollaSyncTest {
    private static final String PATH = "/merchants/2340/subscriptions";
    private static final Instant SINCE = Instant.parse("2018-01-01T00:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final ProviderConfig CONFIG = new ProviderConfig("xsolla",
            Map.of(XsollaProvider.PROJECT_SECRET, "project-secret", XsollaProvider.API_KEY, "xsolla-company-key"), null,
            Map.of(XsollaProvider.PROJECT_ID_SETTING, "18404", XsollaProvider.MERCHANT_ID_SETTING, "2340"), null);
    private static final String BASIC = "Basic " + Base64.getEncoder()
            .encodeToString("2340:xsolla-company-key".getBytes(StandardCharsets.UTF_8));

    private WireMockServer server;
    private XsollaSync sync;
    private final List<Duration> paceWaits = new ArrayList<>();

    @BeforeEach
    void start() {
        server = ApiTesting.server();
        sync = new XsollaSync(new ApiTesting().http, URI.create(server.baseUrl()), XsollaSync.PACE, paceWaits::add);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private SyncSource.Page page(String cursor) {
        return sync.page(CONFIG, "subscriptions", SINCE, cursor, NOW);
    }

    @Test
    void aPageIsTheProjectsSubscriptionsFromTheOffsetAsTheCallbacksRecordThem() {
        server.stubFor(get(urlPathEqualTo(PATH)).withHeader("Authorization", equalTo(BASIC))
                .withQueryParam("limit", equalTo("100")).withQueryParam("offset", equalTo("0"))
                .withQueryParam("project_id[]", equalTo("18404")).withQueryParam("datetime_from", equalTo("2018-01-01T00:00:00Z"))
                .willReturn(okJson(Samples.read("xsolla/subscriptions_list.json"))));

        SyncSource.Page page = page(null);

        assertThat(page.served()).isEqualTo(2);
        assertThat(page.next()).as("a page with items is followed by the next offset").isEqualTo("2");
        NormalizedRecord canceled = page.records().get(0);
        assertThat(canceled.type()).isEqualTo("subscription");
        assertThat(canceled.provider()).isEqualTo("xsolla");
        assertThat(canceled.id()).isEqualTo("249579");
        assertThat(canceled.createdAt()).isEqualTo("2018-09-21T13:54:59Z");
        assertThat(canceled.sourceUpdated()).isEqualTo(NOW.toString());
        JsonNode d = canceled.data();
        assertThat(d.get("status").asText()).isEqualTo("canceled");
        assertThat(d.get("plan_id").asText()).isEqualTo("601");
        assertThat(d.get("product_id").asText()).isEqualTo("123456");
        assertThat(d.get("user_id").asText()).isEqualTo("user1");
        assertThat(d.get("amount").get("minor").asLong()).isEqualTo(3); // 0.03 USD, exact
        assertThat(d.get("amount").get("currency").asText()).isEqualTo("USD");
        assertThat(d.get("date_end").asText()).isEqualTo("2019-02-06T12:43:04+03:00");
        assertThat(d.get("notification_type").isNull()).isTrue();
        NormalizedRecord active = page.records().get(1);
        assertThat(active.data().get("status").asText()).isEqualTo("active");
        assertThat(active.data().get("product_id").isNull()).isTrue();
        assertThat(active.data().get("user_id").asText()).isEqualTo("jb1");
    }

    /** The method allows 20 requests a minute: back-to-back pages wait out the rest of 3 s. */
    @Test
    void pagesAreSpacedToStayUnderXsollasRateLimit() {
        server.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson("[]")));
        page(null);
        assertThat(paceWaits).as("the first request waits for nothing").isEmpty();
        page("100");
        assertThat(paceWaits).hasSize(1);
        assertThat(paceWaits.get(0)).isGreaterThan(Duration.ZERO).isLessThanOrEqualTo(XsollaSync.PACE);
    }

    @Test
    void anEmptyPageEndsTheList() {
        server.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("offset", equalTo("200")).willReturn(okJson("[]")));
        SyncSource.Page page = page("200");
        assertThat(page.served()).isZero();
        assertThat(page.next()).isNull();
    }

    @Test
    void refusedCredentialsEndTheRunOtherFailuresAreRetried() {
        server.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("offset", equalTo("0"))
                .willReturn(aResponse().withStatus(401).withBody("{\"http_status_code\":401,\"message\":\"Unauthorized\"}")));
        assertThatThrownBy(() -> page(null)).isInstanceOf(SyncSource.SyncRefused.class).hasMessageContaining("401")
                .hasMessageNotContaining("xsolla-company-key");
        server.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("offset", equalTo("100")).willReturn(okJson("{\"items\":[]}")));
        assertThatThrownBy(() -> page("100")).isInstanceOf(ProviderApiException.class).hasMessageContaining("not a list");
        assertThatThrownBy(() -> page("ch_1")).isInstanceOf(SyncSource.SyncRefused.class);
    }

    @Test
    void aSiteWithoutMerchantIdProjectIdOrKeyIsNotConfigured() {
        assertThat(sync.missing(CONFIG)).isNull();
        assertThat(sync.missing(null)).isEqualTo("secret apiKey");
        assertThat(sync.missing(new ProviderConfig("xsolla", Map.of(XsollaProvider.API_KEY, "k"), null,
                Map.of(XsollaProvider.PROJECT_ID_SETTING, "18404"), null))).isEqualTo("setting merchantId");
        assertThat(sync.missing(new ProviderConfig("xsolla", Map.of(XsollaProvider.API_KEY, "k"), null,
                Map.of(XsollaProvider.MERCHANT_ID_SETTING, "2340"), null))).isEqualTo("setting projectId");
        server.verify(0, getRequestedFor(urlPathEqualTo(PATH)));
    }

    /** A synced record and a webhook's record of the same subscription are one record with one schema. */
    @Test
    void listedAndNotifiedSubscriptionsConformToTheOneSchema() throws IOException {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(
                Json.parse(Files.readString(schemasDir().resolve("xsolla_subscription.v1.json"))),
                SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
        for (JsonNode sub : Json.parse(Samples.read("xsolla/subscriptions_list.json"))) {
            NormalizedRecord r = XsollaSubscriptions.listed(sub, NOW).orElseThrow();
            assertThat(schema.validate(r.data())).as(r.data().toString()).isEmpty();
        }
        String body = Samples.read("xsolla/create_subscription.json");
        String signature = XsollaSignature.header(body.getBytes(StandardCharsets.UTF_8), "project-secret");
        PaymentEvent e = new XsollaProvider().verifyAndNormalize(Requests.post("site_abcd", "application/json", body,
                Map.of("Authorization", signature)), CONFIG, "site_abcd", NOW).events().get(0);
        NormalizedRecord notified = e.records().get(0);
        assertThat(schema.validate(notified.data())).isEmpty();
        NormalizedRecord listed = XsollaSubscriptions.listed(Json.parse("{\"id\":10,\"status\":\"active\"}"), NOW).orElseThrow();
        assertThat(List.of(listed.type(), listed.provider(), listed.id()))
                .isEqualTo(List.of(notified.type(), notified.provider(), notified.id()));
        assertThat(XsollaSubscriptions.listed(Json.parse("{\"status\":\"active\"}"), NOW)).isEmpty();
    }

    private static Path schemasDir() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("schemas/xsolla_subscription.v1.json"))) {
                return dir.resolve("schemas");
            }
        }
        throw new IllegalStateException("schemas/ not found above " + Path.of("").toAbsolutePath());
    }
}
