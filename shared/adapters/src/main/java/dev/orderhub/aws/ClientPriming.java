package dev.orderhub.aws;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import software.amazon.awssdk.core.warmup.http.CannedResponseHttpClient;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * SnapStart priming of the SDK clients (see {@code runtime.Priming}), each call one a function
 * makes on its first event, none of them changing anything: DynamoDB reads, through the real
 * client, a key no item has (request path, signing, endpoint rules, the HTTP connection); SQS and
 * SES send through clients built like the real ones whose HTTP client answers from a canned
 * response, so no message leaves.
 */
public final class ClientPriming {
    /** The table's keys are {@code pk}/{@code sk} = TYPE#id; no item has this one. */
    static final String NO_SUCH_KEY = "#priming";

    private ClientPriming() {}

    /**
     * A read of a key no item has. Each function's role allows only the reads it makes, and only
     * of the item kinds it uses (dynamodb:LeadingKeys), so this key is refused to every function:
     * AccessDeniedException is an answer too, and it goes through the same client, signing,
     * HTTP and error parsing. A refused GetItem is followed by a Query (the callbacks may only
     * Query), whose refusal is also the expected answer.
     */
    public static void dynamoDb(DynamoDbClient dynamo, String table) {
        AttributeValue key = AttributeValue.fromS(NO_SUCH_KEY);
        try {
            dynamo.getItem(r -> r.tableName(table).key(Map.of("pk", key, "sk", key)));
        } catch (DynamoDbException e) {
            requireAccessDenied(e);
            try {
                dynamo.query(r -> r.tableName(table).keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", key)).limit(1));
            } catch (DynamoDbException refused) {
                requireAccessDenied(refused);
            }
        }
    }

    private static void requireAccessDenied(DynamoDbException e) {
        if (!"AccessDeniedException".equals(e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode())) {
            throw e;
        }
    }

    public static void sqs(AwsClients clients, String queueUrl) {
        String url = queueUrl == null ? "https://sqs.invalid/000000000000/priming" : queueUrl; // nothing is sent to it
        String body = "{\"priming\":true}";
        String answer = "{\"MessageId\":\"priming\",\"MD5OfMessageBody\":\"" + md5Hex(body) + "\"}";
        try (SqsClient sqs = clients.sqs(canned(answer))) {
            new dev.orderhub.queue.SqsSender(sqs).send(url, dev.orderhub.queue.SqsSender.Message.of(body)); // primes the path every send takes
        }
    }

    public static void ses(AwsClients clients) {
        String answer = "<SendEmailResponse xmlns=\"http://ses.amazonaws.com/doc/2010-12-01/\"><SendEmailResult>"
                + "<MessageId>priming</MessageId></SendEmailResult></SendEmailResponse>";
        try (SesClient ses = clients.ses(canned(answer))) {
            ses.sendEmail(r -> r.source("priming@example.invalid")
                    .destination(d -> d.toAddresses("priming@example.invalid"))
                    .message(m -> m.subject(c -> c.data("priming").charset("UTF-8"))
                            .body(b -> b.text(c -> c.data("priming").charset("UTF-8")))));
        }
    }

    private static SdkHttpClient canned(String body) {
        return CannedResponseHttpClient.builder().statusCode(200).responseBody(body.getBytes(StandardCharsets.UTF_8)).build();
    }

    /** SQS checks the MD5 of the body it answers with against the body sent. */
    private static String md5Hex(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
