package dev.orderhub.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.batch.SqsBatch;
import dev.orderhub.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every line a handler writes names its Lambda request and X-Ray trace, so that an operator finds
 * all lines of one failed request; no line names a request it does not belong to.
 */
class InvocationLogContextTest {
    private static final JsonLog LOG = JsonLog.get(InvocationLogContextTest.class);
    private static final String TRACE_PROPERTY = "com.amazonaws.xray.traceHeader";
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream before;

    @BeforeEach
    void capture() {
        before = JsonLog.redirect(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        JsonLog.redirect(before);
        System.clearProperty(TRACE_PROPERTY);
    }

    private List<JsonNode> lines() {
        List<JsonNode> lines = new ArrayList<>();
        for (String l : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!l.isBlank()) {
                lines.add(Json.parse(l));
            }
        }
        return lines;
    }

    private JsonNode line(String message) {
        return lines().stream().filter(l -> message.equals(l.path("message").asText())).findFirst().orElseThrow();
    }

    @Test
    void aLineWrittenDuringAnInvocationCarriesItsRequestIdAndTraceIdAndALineAfterItNeither() {
        // What the Java runtime sets per invocation when tracing is on.
        System.setProperty(TRACE_PROPERTY, "Root=1-67891233-abcdef012345678912345678;Parent=53995c3f42cd8ad8;Sampled=1");
        LambdaLogContext.during(context("req-1"), () -> {
            LOG.info("inside");
            return null;
        });
        System.clearProperty(TRACE_PROPERTY);
        LOG.info("outside");

        assertThat(line("inside").path("requestId").asText()).isEqualTo("req-1");
        assertThat(line("inside").path("traceId").asText()).isEqualTo("1-67891233-abcdef012345678912345678");
        assertThat(line("outside").has("requestId")).isFalse();
        assertThat(line("outside").has("traceId")).isFalse();
    }

    @Test
    void withoutTracingTheLineHasTheRequestIdOnly() {
        LambdaLogContext.during(context("req-2"), () -> {
            LOG.warn("untraced");
            return null;
        });
        assertThat(line("untraced").path("requestId").asText()).isEqualTo("req-2");
        assertThat(line("untraced").has("traceId")).isFalse();
    }

    @Test
    void aCallerCannotReplaceTheRequestIdOrTheTraceId() {
        System.setProperty(TRACE_PROPERTY, "Root=1-aaaaaaaa-bbbbbbbbbbbbbbbbbbbbbbbb;Sampled=0");
        LambdaLogContext.during(context("req-3"), () -> {
            LOG.info("forged", "requestId", "req-other", "traceId", "1-forged");
            return null;
        });
        JsonNode l = line("forged");
        assertThat(l.path("requestId").asText()).isEqualTo("req-3");
        assertThat(l.path("traceId").asText()).isEqualTo("1-aaaaaaaa-bbbbbbbbbbbbbbbbbbbbbbbb");
        // Kept, under a name that cannot pass for the line's own.
        assertThat(l.path("caller_requestId").asText()).isEqualTo("req-other");
        assertThat(l.path("caller_traceId").asText()).isEqualTo("1-forged");
    }

    @Test
    void aCallerCannotPassAForgedRequestIdOutsideAnInvocationEither() {
        LOG.info("stray", "requestId", "req-forged");
        assertThat(line("stray").has("requestId")).isFalse();
        assertThat(line("stray").path("caller_requestId").asText()).isEqualTo("req-forged");
    }

    @Test
    void sqsBatchWorkerThreadsLogTheirOwnInvocationsRequestIdAndNothingAfterIt() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (String request : List.of("req-A", "req-B")) {
                LambdaLogContext.during(context(request), () -> SqsBatch.processConcurrently(batch(request, 6),
                        m -> LOG.info("handled", "body", m.getBody()), (m, e) -> { }, null, pool));
            }
            // The same pooled threads, now outside any invocation.
            for (int i = 0; i < 4; i++) {
                pool.submit(() -> LOG.info("after")).get();
            }
        } finally {
            pool.shutdownNow();
        }
        List<JsonNode> handled = lines().stream().filter(l -> l.path("message").asText().equals("handled")).toList();
        assertThat(handled).hasSize(12);
        for (JsonNode l : handled) {
            String body = l.path("body").asText();
            assertThat(l.path("requestId").asText()).as(body).isEqualTo(body.substring(0, body.indexOf('/')));
        }
        assertThat(lines().stream().filter(l -> l.path("message").asText().equals("after")))
                .hasSize(4).allSatisfy(l -> assertThat(l.has("requestId")).isFalse());
    }

    private static SQSEvent batch(String request, int size) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
            m.setMessageId(request + "-m" + i);
            m.setBody(request + "/" + i);
            m.setEventSourceArn("arn:aws:sqs:us-east-1:1:q");
            records.add(m);
        }
        SQSEvent e = new SQSEvent();
        e.setRecords(records);
        return e;
    }

    static Context context(String requestId) {
        return new Context() {
            @Override public String getAwsRequestId() { return requestId; }
            @Override public String getLogGroupName() { return "/aws/lambda/test"; }
            @Override public String getLogStreamName() { return "test"; }
            @Override public String getFunctionName() { return "test"; }
            @Override public String getFunctionVersion() { return "$LATEST"; }
            @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:1:function:test"; }
            @Override public CognitoIdentity getIdentity() { return null; }
            @Override public ClientContext getClientContext() { return null; }
            @Override public int getRemainingTimeInMillis() { return 10_000; }
            @Override public int getMemoryLimitInMB() { return 512; }
            @Override public LambdaLogger getLogger() { return null; }
        };
    }
}
