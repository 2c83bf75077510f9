package dev.orderhub.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.orderhub.provider.CallbackRejection;
import dev.orderhub.provider.stripe.StripeSignature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/** `invoke` signs stored Stripe events for the demo site again, and leaves every other event alone. */
class RestampTest {
    private static APIGatewayV2HTTPEvent read(String file) throws IOException {
        PojoSerializer<APIGatewayV2HTTPEvent> s = LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class,
                RestampTest.class.getClassLoader());
        try (InputStream in = Files.newInputStream(LocalHub.findRoot().resolve("events").resolve(file))) {
            return s.fromJson(in);
        }
    }

    @Test
    void aStaleStripeSampleForTheDemoSiteIsSignedAgainOverTheSameBody() throws IOException {
        APIGatewayV2HTTPEvent event = read("stripe-charge.succeeded.json");
        String body = event.getBody();
        String before = event.getHeaders().get("stripe-signature");
        assertThatThrownBy(() -> StripeSignature.verify(before, body.getBytes(StandardCharsets.UTF_8),
                List.of(DemoSite.STRIPE_SECRET), Instant.now(), StripeSignature.DEFAULT_TOLERANCE))
                .as("the stored signature is stale").isInstanceOf(CallbackRejection.class);
        APIGatewayV2HTTPEvent restamped = LocalMode.restampForDemoSite(event);
        String after = restamped.getHeaders().get("stripe-signature");
        assertThat(restamped.getBody()).isEqualTo(body);
        assertThat(after).isNotEqualTo(before);
        assertThatCode(() -> StripeSignature.verify(after, body.getBytes(StandardCharsets.UTF_8),
                List.of(DemoSite.STRIPE_SECRET), Instant.now(), StripeSignature.DEFAULT_TOLERANCE))
                .doesNotThrowAnyException();
    }

    @Test
    void eventsForOtherSitesAndUntimedSchemesAreUntouched() throws IOException {
        APIGatewayV2HTTPEvent other = read("stripe-charge.succeeded.json");
        other.setPathParameters(new HashMap<>(java.util.Map.of("clientId", "site_someoneelse")));
        String header = other.getHeaders().get("stripe-signature");
        assertThat(LocalMode.restampForDemoSite(other).getHeaders().get("stripe-signature")).isEqualTo(header);

        APIGatewayV2HTTPEvent kofi = read("kofi-donation.json");
        var headers = new HashMap<>(kofi.getHeaders());
        String body = kofi.getBody();
        APIGatewayV2HTTPEvent same = LocalMode.restampForDemoSite(kofi);
        assertThat(same.getHeaders()).isEqualTo(headers);
        assertThat(same.getBody()).isEqualTo(body);
    }
}
