package dev.orderhub.provider.api;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.orderhub.http.outbound.HostResolver;
import dev.orderhub.http.outbound.OutboundAddresses;
import dev.orderhub.order.Order;
import dev.orderhub.order.OrderStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A WireMock server for the provider API clients' tests (on loopback: allowed here only), and an ApiHttp whose waits are recorded instead of slept. */
public final class ApiTesting {
    public final List<Duration> waits = new ArrayList<>();
    public final ApiHttp http;

    public ApiTesting(Duration requestTimeout) {
        this.http = new ApiHttp(new ApiHttp.Settings(Duration.ofSeconds(2), requestTimeout, 4, Duration.ofMillis(100),
                Duration.ofSeconds(10)), waits::add, OutboundAddresses.withLoopback(HostResolver.SYSTEM));
    }

    public ApiTesting() {
        this(Duration.ofSeconds(5));
    }

    public static WireMockServer server() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        return server;
    }

    /** A pending order as the hub stores it. */
    public static Order pendingOrder(String provider, String orderRef, String createdAt, Map<String, String> attributes) {
        return new Order("site_api", provider + "_x", provider, orderRef, OrderStatus.PENDING, OrderStatus.PENDING, null,
                null, 0, false, null, null, null, List.of(), null, false, createdAt, createdAt, Set.of(), attributes,
                null, null, 1);
    }
}
