package dev.orderhub.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Route matching of the local gateway: plain path variables and API Gateway's greedy {name+}. */
class LocalGatewayTest {
    @Test
    void aPathVariableTakesOneNonEmptyDecodedSegment() {
        assertThat(LocalGateway.match("/admin/sites/{clientId}/orders", "/admin/sites/site%5Fa/orders"))
                .isEqualTo(Map.of("clientId", "site_a"));
        assertThat(LocalGateway.match("/admin/sites/{clientId}/orders", "/admin/sites//orders")).isNull();
        assertThat(LocalGateway.match("/admin/sites/{clientId}/orders", "/admin/sites/a/b/orders")).isNull();
        assertThat(LocalGateway.match("/admin/sites", "/admin/sites/")).isNull();
    }

    @Test
    void aGreedyVariableTakesTheRestOfThePathWithItsSlashes() {
        assertThat(LocalGateway.match("/admin/ui/{proxy+}", "/admin/ui/app.js")).isEqualTo(Map.of("proxy", "app.js"));
        assertThat(LocalGateway.match("/admin/ui/{proxy+}", "/admin/ui/a/b%20c/d.css")).isEqualTo(Map.of("proxy", "a/b c/d.css"));
        assertThat(LocalGateway.match("/admin/ui/{proxy+}", "/admin/ui/")).isEqualTo(Map.of("proxy", ""));
        assertThat(LocalGateway.match("/admin/ui/{proxy+}", "/admin/ui")).as("the parent itself is its own route").isNull();
        assertThat(LocalGateway.match("/admin/ui/{proxy+}", "/admin/uix/app.js")).isNull();
        assertThat(LocalGateway.match("/s/{id}/{rest+}", "/s/x/1/2")).isEqualTo(Map.of("id", "x", "rest", "1/2"));
    }
}
