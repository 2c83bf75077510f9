package dev.orderhub.functions.live;

import dev.orderhub.config.HubConfig;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;

/**
 * Talks to connected clients through API Gateway's management API ({@code POST} and
 * {@code DELETE /@connections/{id}}) at {@code LIVE_STATUS_ENDPOINT}: the WebSocket stage's URL on
 * AWS, local mode's gateway locally. The client is built once per container, at first use:
 * {@code $connect} and {@code $disconnect} never need it.
 */
final class Connections {
    private final HubConfig config;
    private ApiGatewayManagementApiClient api;

    Connections(HubConfig config) {
        this.config = config;
    }

    private synchronized ApiGatewayManagementApiClient api() {
        if (api != null) {
            return api;
        }
        URI endpoint = config.liveStatusEndpoint()
                .orElseThrow(() -> new IllegalStateException("missing configuration LIVE_STATUS_ENDPOINT"));
        api = ApiGatewayManagementApiClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(config.region()))
                .credentialsProvider(AwsCredentialsProviderChain.of(EnvironmentVariableCredentialsProvider.create(),
                        SystemPropertyCredentialsProvider.create()))
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(config.socketTimeout()).build())
                .build();
        return api;
    }

    /** Sends one frame; false when the client is gone (410), which the caller prunes. */
    boolean post(String connectionId, String frame) {
        try {
            api().postToConnection(r -> r.connectionId(connectionId).data(SdkBytes.fromUtf8String(frame)));
            return true;
        } catch (GoneException gone) {
            return false;
        }
    }

    /** Closes the connection; one already gone is closed enough. */
    void close(String connectionId) {
        try {
            api().deleteConnection(r -> r.connectionId(connectionId));
        } catch (GoneException gone) {
            // the client left first
        }
    }
}
