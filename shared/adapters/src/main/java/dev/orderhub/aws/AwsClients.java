package dev.orderhub.aws;

import dev.orderhub.config.HubConfig;
import dev.orderhub.sealing.KmsJsonClient;
import java.net.URI;
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
 *
 * <p>Every client gets an explicit endpoint: the configured one, or the service's regional
 * endpoint in the region's partition ({@link #regionalEndpoint}). Without one, building a client
 * asks the SDK's generated metadata of every AWS service (about 400 classes, 0.7 MB) for a
 * default endpoint; with one, none of those classes is loaded, so the function jars leave them
 * out (pom.xml) and a cold start does not instantiate them.
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
        b.endpointOverride(config.dynamoDbEndpoint().orElseGet(() -> regionalEndpoint("dynamodb", config.region())));
        return b.build();
    }

    public SqsClient sqs() {
        return sqs(http);
    }

    /** Built like {@link #sqs()}, on another HTTP client: priming's answers from canned responses. */
    public SqsClient sqs(SdkHttpClient httpClient) {
        SqsClientBuilder b = configure(SqsClient.builder()).httpClient(httpClient);
        b.endpointOverride(config.sqsEndpoint().orElseGet(() -> regionalEndpoint("sqs", config.region())));
        return b.build();
    }

    public SesClient ses() {
        return ses(http);
    }

    /** Built like {@link #ses()}, on another HTTP client: priming's answers from canned responses. */
    public SesClient ses(SdkHttpClient httpClient) {
        SesClientBuilder b = configure(SesClient.builder(), SesClients::retryOnlyRefusals).httpClient(httpClient);
        b.endpointOverride(config.sesEndpoint().orElseGet(() -> regionalEndpoint("email", config.region())));
        return b.build();
    }

    /** KMS for sealing secrets, with the same HTTP client and credentials as the SDK clients. */
    public KmsJsonClient kms(java.util.Optional<URI> endpoint) {
        return new KmsJsonClient(http, credentials, config.region(), endpoint.orElseGet(() -> regionalEndpoint("kms", config.region())));
    }

    /**
     * The service's standard regional endpoint, as the SDK resolves it for these three services:
     * {@code https://<prefix>.<region>.<partition's DNS suffix>}. The suffixes are the SDK's
     * partition data, written out here because asking the SDK ({@code PartitionMetadata.of})
     * loads the endpoint metadata of every service, which is what this avoids. Isolated (ISO)
     * partitions, FIPS and dual-stack endpoints are configured (AWS_ENDPOINT_URL_&lt;SERVICE&gt;).
     */
    static URI regionalEndpoint(String endpointPrefix, String region) {
        if (region.contains("-iso")) {
            throw new IllegalStateException("region " + region + " is in an isolated partition: configure AWS_ENDPOINT_URL_"
                    + endpointPrefix.toUpperCase(java.util.Locale.ROOT));
        }
        String dnsSuffix = region.startsWith("cn-") ? "amazonaws.com.cn" : region.startsWith("eusc-") ? "amazonaws.eu" : "amazonaws.com";
        return URI.create("https://" + endpointPrefix + "." + region + "." + dnsSuffix);
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(B builder) {
        return configure(builder, o -> { });
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(B builder,
            java.util.function.Consumer<software.amazon.awssdk.core.client.config.ClientOverrideConfiguration.Builder> more) {
        builder.region(Region.of(config.region())).credentialsProvider(credentials);
        builder.overrideConfiguration(o -> {
            config.apiCallTimeout().ifPresent(o::apiCallTimeout);
            more.accept(o);
        });
        return builder;
    }
}
