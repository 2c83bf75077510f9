package dev.orderhub.aws;

import dev.orderhub.config.HubConfig;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.SesClientBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/**
 * Builds the AWS clients. Endpoint and region always come from configuration, so the same code
 * talks to AWS, LocalStack or the local stand-ins. Credentials come from the environment (what
 * Lambda provides), system properties (local mode), or the container endpoint (what Lambda
 * provides instead of the environment variables when SnapStart is on); no profile files or
 * instance metadata are probed, which keeps cold starts short.
 */
public final class AwsClients {
    private final HubConfig config;
    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;

    public AwsClients(HubConfig config) {
        this.config = config;
        this.http = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(config.socketTimeout())
                .build();
        this.credentials = AwsCredentialsProviderChain.of(
                EnvironmentVariableCredentialsProvider.create(),
                SystemPropertyCredentialsProvider.create(),
                ContainerCredentialsProvider.builder().build());
    }

    public DynamoDbClient dynamoDb() {
        DynamoDbClientBuilder b = configure(DynamoDbClient.builder()).httpClient(http);
        config.dynamoDbEndpoint().ifPresent(b::endpointOverride);
        return b.build();
    }

    public SqsClient sqs() {
        return sqs(http);
    }

    /** Built like {@link #sqs()}, on another HTTP client: priming's answers from canned responses. */
    public SqsClient sqs(SdkHttpClient httpClient) {
        SqsClientBuilder b = configure(SqsClient.builder()).httpClient(httpClient);
        config.sqsEndpoint().ifPresent(b::endpointOverride);
        return b.build();
    }

    public SesClient ses() {
        return ses(http);
    }

    /** Built like {@link #ses()}, on another HTTP client: priming's answers from canned responses. */
    public SesClient ses(SdkHttpClient httpClient) {
        SesClientBuilder b = configure(SesClient.builder()).httpClient(httpClient);
        config.sesEndpoint().ifPresent(b::endpointOverride);
        return b.build();
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(B builder) {
        builder.region(Region.of(config.region())).credentialsProvider(credentials);
        config.apiCallTimeout().ifPresent(t -> builder.overrideConfiguration(o -> o.apiCallTimeout(t)));
        return builder;
    }
}
