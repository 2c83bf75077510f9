package dev.orderhub.local.load;

import dev.orderhub.local.LocalHub;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.sqs.model.CreateQueueRequest;
import software.amazon.awssdk.services.sqs.model.DeleteQueueRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * The bare substrate under a callback: one SQS send and one DynamoDB put per operation, through
 * the same stand-ins and the hub's own clients (same HTTP client, timeouts, credentials), at the
 * same concurrency as the load run. What a callback cannot beat on this machine: it does at
 * least a site read and a queue send, plus HTTP in and verification.
 */
public final class SubstrateRun {
    private SubstrateRun() {}

    /** Operations per second. */
    public static double run(LocalHub hub, int operations, int concurrency, String body) throws InterruptedException {
        String queue = hub.sqs().createQueue(CreateQueueRequest.builder()
                .queueName("orderhub-local-substrate-" + Long.toString(System.nanoTime(), 36)).build()).queueUrl();
        String table = hub.tableName("HubTable");
        try {
            AtomicInteger next = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(concurrency);
            long start = System.nanoTime();
            for (int t = 0; t < concurrency; t++) {
                pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < operations; i = next.getAndIncrement()) {
                        hub.sqs().sendMessage(SendMessageRequest.builder().queueUrl(queue).messageBody(body).build());
                        hub.dynamoDb().putItem(PutItemRequest.builder().tableName(table).item(Map.of(
                                "pk", AttributeValue.fromS("SUBSTRATE#" + i), "sk", AttributeValue.fromS("#"),
                                "body", AttributeValue.fromS(body))).build());
                    }
                });
            }
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.HOURS);
            return operations / ((System.nanoTime() - start) / 1e9);
        } finally {
            hub.sqs().deleteQueue(DeleteQueueRequest.builder().queueUrl(queue).build());
        }
    }
}
