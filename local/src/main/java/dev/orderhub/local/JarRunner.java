package dev.orderhub.local;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one function from its deployable jar alone, in a fresh JVM, as Lambda would: load the
 * handler class, construct it (the "init" phase), handle one event. It prints one JSON line with
 * the timings and the response. Only classes that are in every function jar may be used here
 * (Lambda core, Jackson, the HTTP event; other event types only by name, since a minimized jar
 * carries just the ones its function takes): it proves the jar is complete and measures its cold start.
 *
 * <p>Usage: {@code java -cp <function.jar>:<dir with this class> dev.orderhub.local.JarRunner <Class::method> <event.json> [--prime|--init-only]}
 * ({@code --prime}: run the SnapStart priming hooks between init and the event, as a checkpoint would;
 * {@code --init-only}: construct the handler and stop, the event is not read).
 */
public final class JarRunner {
    private JarRunner() {}

    public static void main(String[] args) throws Exception {
        long jvmStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        long t0 = System.currentTimeMillis();
        String handler = args[0];
        String className = handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
        String methodName = handler.contains("::") ? handler.substring(handler.indexOf("::") + 2) : "handleRequest";
        ObjectMapper mapper = new ObjectMapper();
        boolean initOnly = args.length > 2 && args[2].equals("--init-only");
        JsonNode eventJson = initOnly ? null : mapper.readTree(new File(args[1]));

        Class<?> type = Class.forName(className);
        Object instance = type.getConstructor().newInstance();
        long initDone = System.currentTimeMillis();
        if (initOnly) {
            System.out.println("RESULT " + mapper.writeValueAsString(Map.of("initMs", initDone - t0)));
            return;
        }
        if (args.length > 2 && args[2].equals("--prime")) {
            // What a SnapStart checkpoint runs after init (by name: JarRunner names no hub class).
            Class.forName("dev.orderhub.runtime.Priming").getMethod("runAllNow").invoke(null);
        }
        long t1 = System.currentTimeMillis();
        Method method = null;
        for (Method m : type.getMethods()) {
            if (m.getName().equals(methodName) && m.getParameterCount() == 2 && !m.isBridge()) {
                method = m;
            }
        }
        if (method == null) {
            throw new NoSuchMethodException(handler);
        }
        // Event and response types are compared by name: a minimized jar carries only the Lambda
        // event classes its function uses, and naming a class here must not require the others.
        String eventType = method.getParameterTypes()[0].getName();
        Object event = switch (eventType) {
            case "com.amazonaws.services.lambda.runtime.events.SQSEvent" -> sqs(eventJson);
            case "com.amazonaws.services.lambda.runtime.events.SNSEvent" -> sns(eventJson);
            case "java.util.Map" -> mapper.convertValue(eventJson, Map.class); // scheduled events
            case "com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent" -> webSocket(eventJson);
            case "com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent" -> authorizer(eventJson);
            default -> http(eventJson);
        };
        Object response = method.invoke(instance, event, new RunnerContext());
        long t2 = System.currentTimeMillis();

        Map<String, Object> out = new HashMap<>();
        out.put("jvmStartToInitDoneMs", initDone - jvmStart);
        out.put("initMs", initDone - t0);
        out.put("primeMs", t1 - initDone);
        out.put("firstInvokeMs", t2 - t1);
        out.put("jvmStartToFirstResponseMs", t2 - jvmStart);
        String responseType = response == null ? "" : response.getClass().getName();
        if (responseType.equals("com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse")) {
            out.put("statusCode", ((APIGatewayV2WebSocketResponse) response).getStatusCode());
        } else if (responseType.equals("com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse")) {
            APIGatewayV2HTTPResponse r = (APIGatewayV2HTTPResponse) response;
            out.put("statusCode", r.getStatusCode());
            out.put("body", r.getBody());
        } else if (responseType.equals("com.amazonaws.services.lambda.runtime.events.SQSBatchResponse")) {
            out.put("batchItemFailures", ((SQSBatchResponse) response).getBatchItemFailures().size());
        } else if (response instanceof Map<?, ?> answer && answer.containsKey("isAuthorized")) {
            out.put("authorizer", answer);
        } else if (response instanceof Map<?, ?> summary) {
            out.put("summary", summary);
        } else if (response == null) {
            out.put("returned", "nothing"); // an SNS subscriber: returning at all is the success
        }
        System.out.println("RESULT " + mapper.writeValueAsString(out));
    }

    private static APIGatewayV2HTTPEvent http(JsonNode j) {
        Map<String, String> headers = new HashMap<>();
        j.path("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
        Map<String, String> params = new HashMap<>();
        j.path("pathParameters").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
        JsonNode http = j.path("requestContext").path("http");
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(j.path("routeKey").asText())
                .withRawPath(j.path("rawPath").asText())
                .withHeaders(headers)
                .withPathParameters(params)
                .withBody(j.path("body").isMissingNode() || j.path("body").isNull() ? null : j.path("body").asText())
                .withIsBase64Encoded(j.path("isBase64Encoded").asBoolean(false))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRouteKey(j.path("routeKey").asText())
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(http.path("method").asText("POST"))
                                .withPath(http.path("path").asText())
                                .withSourceIp(http.path("sourceIp").asText("127.0.0.1"))
                                .build())
                        .build())
                .build();
    }

    private static APIGatewayV2CustomAuthorizerEvent authorizer(JsonNode j) {
        Map<String, String> headers = new HashMap<>();
        j.path("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
        return APIGatewayV2CustomAuthorizerEvent.builder()
                .withVersion("2.0")
                .withType(j.path("type").asText())
                .withRouteArn(j.path("routeArn").asText())
                .withRouteKey(j.path("routeKey").asText())
                .withRawPath(j.path("rawPath").asText())
                .withHeaders(headers)
                .build();
    }

    private static APIGatewayV2WebSocketEvent webSocket(JsonNode j) {
        JsonNode rc = j.path("requestContext");
        APIGatewayV2WebSocketEvent.RequestContext c = new APIGatewayV2WebSocketEvent.RequestContext();
        c.setRouteKey(rc.path("routeKey").asText());
        c.setEventType(rc.path("eventType").asText());
        c.setConnectionId(rc.path("connectionId").asText());
        c.setStage(rc.path("stage").asText());
        c.setDomainName(rc.path("domainName").asText());
        APIGatewayV2WebSocketEvent e = new APIGatewayV2WebSocketEvent();
        e.setRequestContext(c);
        e.setBody(j.path("body").isMissingNode() || j.path("body").isNull() ? null : j.path("body").asText());
        return e;
    }

    private static SNSEvent sns(JsonNode j) {
        List<SNSEvent.SNSRecord> records = new ArrayList<>();
        for (JsonNode r : j.path("Records")) {
            JsonNode n = r.path("Sns");
            SNSEvent.SNS sns = new SNSEvent.SNS();
            sns.setMessageId(n.path("MessageId").asText());
            sns.setTopicArn(n.path("TopicArn").asText());
            sns.setType(n.path("Type").asText());
            sns.setMessage(n.path("Message").asText());
            SNSEvent.SNSRecord record = new SNSEvent.SNSRecord();
            record.setEventSource("aws:sns");
            record.setSns(sns);
            records.add(record);
        }
        SNSEvent e = new SNSEvent();
        e.setRecords(records);
        return e;
    }

    private static SQSEvent sqs(JsonNode j) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (JsonNode r : j.path("Records")) {
            SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
            m.setMessageId(r.path("messageId").asText());
            m.setReceiptHandle(r.path("receiptHandle").asText());
            m.setBody(r.path("body").asText());
            m.setEventSource("aws:sqs");
            m.setEventSourceArn(r.path("eventSourceARN").asText());
            m.setAttributes(Map.of("ApproximateReceiveCount", r.path("attributes").path("ApproximateReceiveCount").asText("1")));
            records.add(m);
        }
        SQSEvent e = new SQSEvent();
        e.setRecords(records);
        return e;
    }

    private static final class RunnerContext implements Context {
        @Override public String getAwsRequestId() { return "jar-runner"; }
        @Override public String getLogGroupName() { return "jar-runner"; }
        @Override public String getLogStreamName() { return "jar-runner"; }
        @Override public String getFunctionName() { return "jar-runner"; }
        @Override public String getFunctionVersion() { return "1"; }
        @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:local:000000000000:function:jar-runner"; }
        @Override public CognitoIdentity getIdentity() { return null; }
        @Override public ClientContext getClientContext() { return null; }
        @Override public int getRemainingTimeInMillis() { return 30_000; }
        @Override public int getMemoryLimitInMB() { return 512; }
        @Override public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override public void log(String message) { System.out.println(message); }
                @Override public void log(byte[] message) { System.out.println(new String(message)); }
            };
        }
    }
}
