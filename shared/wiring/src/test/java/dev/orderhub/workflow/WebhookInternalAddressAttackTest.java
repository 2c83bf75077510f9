package dev.orderhub.workflow;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.orderhub.http.outbound.BoundedExchange;
import dev.orderhub.http.outbound.FakeDns;
import dev.orderhub.http.outbound.OutboundAddresses;
import dev.orderhub.json.Json;
import dev.orderhub.provider.api.ApiHttp;
import dev.orderhub.workflow.action.ActionFailed;
import dev.orderhub.workflow.action.WebhookSender;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A tenant aims its webhook at the hub's own network: names that resolve to loopback, link-local
 * (cloud metadata), private or shared addresses, numeric spellings of 127.0.0.1, and a name that
 * resolves to a public address when saved and to 127.0.0.1 when sent (DNS rebinding). None may be
 * saved, none may be reached, and the run record must not tell a port scanner what answered.
 */
class WebhookInternalAddressAttackTest {
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_767_225_600), ZoneOffset.UTC);
    private final FakeDns dns = new FakeDns()
            .answer("hooks.example.com", "93.184.216.34")
            .answer("127.0.0.1.nip.io", "127.0.0.1")
            .answer("169.254.169.254.nip.io", "169.254.169.254")
            .answer("metadata.google.internal", "169.254.169.254");
    private final WireMockServer listener = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());

    @BeforeEach
    void start() {
        listener.start();
        listener.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(204)));
    }

    @AfterEach
    void stop() {
        listener.stop();
    }

    private static String saveProblem(String url, OutboundAddresses addresses) {
        try {
            WorkflowParser.parse(Json.parse("{\"name\":\"w\",\"trigger\":\"order.paid\",\"actions\":[{\"type\":\"webhook\",\"url\":"
                    + Json.write(url) + "}]}"), "wf_1", 1, "t", addresses);
            return null;
        } catch (InvalidWorkflow e) {
            return e.problems().get(0).path() + " " + e.problems().get(0).message();
        }
    }

    @Test
    void everyInternalFormIsRefusedWhenSaved() {
        OutboundAddresses addresses = OutboundAddresses.publicOnly(dns);
        assertThat(saveProblem("https://hooks.example.com/orderhub", addresses)).isNull();
        for (String url : List.of("https://localhost./x", "https://localhost/x", "https://127.0.0.1.nip.io/",
                "https://169.254.169.254.nip.io/latest", "https://metadata.google.internal./", "https://metadata.google.internal/",
                "https://0x7f000001/", "https://2130706433/", "https://127.1/", "https://0177.0.0.1/", "https://127.0.0.1/x",
                "https://[::1]/x", "https://[::ffff:127.0.0.1]/x", "https://[fe80::1]/x", "https://printer.local/x")) {
            assertThat(saveProblem(url, addresses)).as(url).startsWith("actions[0].url must name a public host");
        }
    }

    @Test
    void everyInternalAddressIsRefusedWhatTheNameIs() {
        for (String address : List.of("127.0.0.1", "127.255.255.254", "10.0.0.1", "172.16.0.1", "172.31.255.255",
                "192.168.1.1", "169.254.169.254", "100.64.0.1", "100.127.255.254", "0.0.0.0", "0.1.2.3", "224.0.0.1",
                "239.255.255.250", "255.255.255.255", "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1",
                "::ffff:10.0.0.1", "::ffff:169.254.169.254", "::127.0.0.1", "64:ff9b::a9fe:a9fe", "2002:7f00:1::1")) {
            OutboundAddresses addresses = OutboundAddresses.publicOnly(new FakeDns().answer("inside.example.com", address));
            assertThat(addresses.problem(URI.create("https://inside.example.com/x"))).as(address).isNotNull();
        }
        // One internal address among public ones is enough to refuse the name.
        OutboundAddresses mixed = OutboundAddresses.publicOnly(new FakeDns().answer("mixed.example.com", "93.184.216.34", "10.1.2.3"));
        assertThat(mixed.problem(URI.create("https://mixed.example.com/x"))).isNotNull();
        for (String address : List.of("93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111")) {
            OutboundAddresses addresses = OutboundAddresses.publicOnly(new FakeDns().answer("public.example.com", address));
            assertThat(addresses.problem(URI.create("https://public.example.com/x"))).as(address).isNull();
        }
    }

    @Test
    void aNameThatReResolvesToLoopbackAtSendTimeIsNotReached() {
        FakeDns rebinding = new FakeDns().answer("rebind.example.com", "93.184.216.34");
        OutboundAddresses addresses = OutboundAddresses.publicOnly(rebinding);
        String url = "https://rebind.example.com:" + listener.port() + "/hook";
        assertThat(saveProblem(url, addresses)).as("public when saved").isNull();

        rebinding.answer("rebind.example.com", "127.0.0.1");
        WebhookSender sender = new WebhookSender(new ApiHttp(ApiHttp.Settings.ACTIONS, d -> { }, addresses), CLOCK);
        ActionFailed refused = catchThrowableOfType(ActionFailed.class,
                () -> sender.send(URI.create(url), "{}", "whsk_secret", "run_1-then-0"));
        assertThat(refused.permanent()).isTrue();
        assertThat(refused.getMessage()).isEqualTo("webhook to rebind.example.com refused: address not allowed");
        listener.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void theCallGoesToTheAddressThatWasCheckedWithTheNameAsHostAndAFixedUserAgent() {
        // Loopback allowed (the tests' and local mode's allowance) and a name no real DNS knows:
        // the request can only arrive if the exchange connects to the address the check resolved.
        OutboundAddresses local = OutboundAddresses.withLoopback(new FakeDns().answer("receiver.test.example", "127.0.0.1"));
        WebhookSender sender = new WebhookSender(new ApiHttp(ApiHttp.Settings.ACTIONS, d -> { }, local), CLOCK);
        String result = sender.send(URI.create("http://receiver.test.example:" + listener.port() + "/hook"), "{}", "whsk_secret", "d1");
        assertThat(result).isEqualTo("webhook delivered to receiver.test.example (HTTP 204)");
        listener.verify(1, postRequestedFor(urlEqualTo("/hook"))
                .withHeader("host", equalTo("receiver.test.example:" + listener.port()))
                .withHeader("user-agent", equalTo(BoundedExchange.USER_AGENT)));
    }

    @Test
    void theRunRecordSaysRefusedOrFailedAndNeverNamesTheNetworkError() throws Exception {
        OutboundAddresses local = OutboundAddresses.withLoopback(new FakeDns().answer("receiver.test.example", "127.0.0.1"));
        ApiHttp http = new ApiHttp(new ApiHttp.Settings(Duration.ofSeconds(1), Duration.ofSeconds(2), 2, Duration.ofMillis(1),
                Duration.ofSeconds(1)), d -> { }, local);
        WebhookSender sender = new WebhookSender(http, CLOCK);
        listener.stubFor(post(urlEqualTo("/down")).willReturn(aResponse().withStatus(503)));
        ActionFailed down = catchThrowableOfType(ActionFailed.class, () -> sender.send(
                URI.create("http://receiver.test.example:" + listener.port() + "/down"), "{}", "s", "d2"));
        assertThat(down.getMessage()).isEqualTo("webhook to receiver.test.example failed: HTTP 503");

        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort(); // nothing listens there once closed: connection refused
        }
        ActionFailed refused = catchThrowableOfType(ActionFailed.class, () -> sender.send(
                URI.create("http://receiver.test.example:" + closed + "/x"), "{}", "s", "d3"));
        // TLS spoken to a plain HTTP listener: an SSLException inside.
        ActionFailed notTls = catchThrowableOfType(ActionFailed.class, () -> sender.send(
                URI.create("https://receiver.test.example:" + listener.port() + "/x"), "{}", "s", "d4"));
        for (ActionFailed f : List.of(refused, notTls)) {
            assertThat(f.permanent()).isFalse();
            assertThat(f.getMessage()).isEqualTo("webhook to receiver.test.example failed: no answer")
                    .doesNotContain("Exception").doesNotContain("refused:");
        }
        ActionFailed internal = catchThrowableOfType(ActionFailed.class, () -> new WebhookSender(
                new ApiHttp(ApiHttp.Settings.ACTIONS, d -> { }, OutboundAddresses.publicOnly(dns)), CLOCK)
                .send(URI.create("https://127.0.0.1.nip.io:" + listener.port() + "/x"), "{}", "s", "d5"));
        assertThat(internal.getMessage()).isEqualTo("webhook to 127.0.0.1.nip.io refused: address not allowed");
    }

    @Test
    void plainHttpIsRefusedAtSendTimeWithoutTheLocalAllowance() {
        OutboundAddresses strict = OutboundAddresses.publicOnly(dns);
        ActionFailed f = catchThrowableOfType(ActionFailed.class, () -> new WebhookSender(
                new ApiHttp(ApiHttp.Settings.ACTIONS, d -> { }, strict), CLOCK)
                .send(URI.create("http://hooks.example.com/x"), "{}", "s", "d6"));
        assertThat(f.getMessage()).isEqualTo("webhook to hooks.example.com refused: address not allowed");
    }
}
