package dev.orderhub.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderhub.config.HubConfig;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.sqs.SqsClient;

class AwsClientsTest {

    @Test
    void theRegionalEndpointIsTheServicesStandardOneInTheRegionsPartition() {
        assertThat(AwsClients.regionalEndpoint("dynamodb", "us-east-1")).isEqualTo(URI.create("https://dynamodb.us-east-1.amazonaws.com"));
        assertThat(AwsClients.regionalEndpoint("sqs", "eu-central-1")).isEqualTo(URI.create("https://sqs.eu-central-1.amazonaws.com"));
        assertThat(AwsClients.regionalEndpoint("email", "ap-northeast-2")).isEqualTo(URI.create("https://email.ap-northeast-2.amazonaws.com"));
        assertThat(AwsClients.regionalEndpoint("sqs", "cn-north-1")).isEqualTo(URI.create("https://sqs.cn-north-1.amazonaws.com.cn"));
        assertThat(AwsClients.regionalEndpoint("dynamodb", "us-gov-west-1")).isEqualTo(URI.create("https://dynamodb.us-gov-west-1.amazonaws.com"));
        assertThat(AwsClients.regionalEndpoint("dynamodb", "eusc-de-east-1")).isEqualTo(URI.create("https://dynamodb.eusc-de-east-1.amazonaws.eu"));
        assertThatThrownBy(() -> AwsClients.regionalEndpoint("sqs", "us-iso-east-1")).hasMessageContaining("AWS_ENDPOINT_URL_SQS");
    }

    @Test
    void withoutConfiguredEndpointsEveryClientIsGivenTheRegionalOne() {
        AwsClients clients = new AwsClients(HubConfig.from(Map.of("AWS_REGION", "eu-west-1", "TABLE_NAME", "t")::get));
        try (DynamoDbClient db = clients.dynamoDb(); SqsClient sqs = clients.sqs(); SesClient ses = clients.ses()) {
            assertThat(db.serviceClientConfiguration().endpointOverride()).contains(URI.create("https://dynamodb.eu-west-1.amazonaws.com"));
            assertThat(sqs.serviceClientConfiguration().endpointOverride()).contains(URI.create("https://sqs.eu-west-1.amazonaws.com"));
            assertThat(ses.serviceClientConfiguration().endpointOverride()).contains(URI.create("https://email.eu-west-1.amazonaws.com"));
        }
    }

    @Test
    void aConfiguredEndpointWins() {
        AwsClients clients = new AwsClients(HubConfig.from(Map.of("AWS_REGION", "eu-west-1", "TABLE_NAME", "t",
                "AWS_ENDPOINT_URL_DYNAMODB", "http://localhost:4567")::get));
        try (DynamoDbClient db = clients.dynamoDb()) {
            assertThat(db.serviceClientConfiguration().endpointOverride()).contains(URI.create("http://localhost:4567"));
        }
    }
}
