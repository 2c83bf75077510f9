package dev.orderhub.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** Priming's DynamoDB read: a key no item has, through whichever read the function's role allows. */
class ClientPrimingTest {

    /** Records the reads; refuses GetItem with the error a role without dynamodb:GetItem gets, when asked to. */
    private static final class RecordingDynamoDb implements DynamoDbClient {
        final List<Object> requests = new ArrayList<>();
        final String getItemError;

        RecordingDynamoDb(String getItemError) {
            this.getItemError = getItemError;
        }

        @Override
        public GetItemResponse getItem(GetItemRequest request) {
            requests.add(request);
            if (getItemError != null) {
                throw (DynamoDbException) DynamoDbException.builder().statusCode(400)
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode(getItemError).build()).build();
            }
            return GetItemResponse.builder().build();
        }

        @Override
        public QueryResponse query(QueryRequest request) {
            requests.add(request);
            return QueryResponse.builder().build();
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {}
    }

    @Test
    void readsAKeyNoItemHas() {
        RecordingDynamoDb dynamo = new RecordingDynamoDb(null);
        ClientPriming.dynamoDb(dynamo, "hub");
        assertThat(dynamo.requests).hasSize(1);
        GetItemRequest get = (GetItemRequest) dynamo.requests.get(0);
        assertThat(get.tableName()).isEqualTo("hub");
        assertThat(get.key().get("pk").s()).isEqualTo("#priming");
        assertThat(get.key().get("sk").s()).isEqualTo("#priming");
    }

    @Test
    void queriesWhenTheRoleMayNotGetItem() {
        RecordingDynamoDb dynamo = new RecordingDynamoDb("AccessDeniedException");
        ClientPriming.dynamoDb(dynamo, "hub");
        assertThat(dynamo.requests).hasSize(2);
        QueryRequest query = (QueryRequest) dynamo.requests.get(1);
        assertThat(query.keyConditionExpression()).isEqualTo("pk = :pk");
        assertThat(query.expressionAttributeValues().get(":pk").s()).isEqualTo("#priming");
        assertThat(query.limit()).isEqualTo(1);
    }

    @Test
    void anyOtherFailureIsPrimingsToReport() {
        RecordingDynamoDb dynamo = new RecordingDynamoDb("ResourceNotFoundException");
        assertThatThrownBy(() -> ClientPriming.dynamoDb(dynamo, "hub")).isInstanceOf(DynamoDbException.class);
        assertThat(dynamo.requests).hasSize(1);
    }
}
