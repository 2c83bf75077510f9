package dev.orderhub.local;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.orderhub.json.Json;
import dev.orderhub.log.JsonLog;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration set's event destination, which the SES stand-in does not have: an HTTP
 * proxy in front of the stand-in that the functions send through. When the stand-in accepts a
 * SendEmail naming the stack's configuration set, it publishes SES's Send event for it (the
 * documented record: {@code eventType}, {@code mail} with {@code messageId}, {@code destination},
 * {@code commonHeaders} and the {@code tags}, SES's own {@code ses:*} and the message's) to the
 * functions subscribed to the destination's topic, as an SNS notification, when the template's
 * destination matches {@code send}.
 *
 * <p>As on AWS, the event follows SES's acceptance, not the caller's answer: the proxy keeps
 * waiting for the stand-in after the caller gave up (a frozen stand-in that takes the request
 * when it is thawed still publishes its Send event), and the event is delivered asynchronously,
 * again a few times if the subscriber fails (Lambda retries an SNS delivery).
 */
final class LocalSesEvents implements AutoCloseable {
    private static final JsonLog LOG = JsonLog.get(LocalSesEvents.class);
    private static final Pattern MESSAGE_ID = Pattern.compile("<MessageId>([^<]+)</MessageId>");
    private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "connection", "expect", "upgrade",
            "transfer-encoding", "keep-alive");
    static final String DESTINATION_TYPE = "AWS::SES::ConfigurationSetEventDestination";

    /** A function subscribed to the destination's topic. */
    record Subscriber(String functionId, String topicArn) {}

    private final URI upstream;
    private final String configurationSet;
    private final List<Subscriber> subscribers;
    private final LambdaFunctions functions;
    private final HttpServer server;
    private final ExecutorService requests = Executors.newCachedThreadPool(daemon("local-ses-proxy"));
    private final ExecutorService deliveries = Executors.newFixedThreadPool(2, daemon("local-ses-events"));
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private LocalSesEvents(URI upstream, String configurationSet, List<Subscriber> subscribers, LambdaFunctions functions)
            throws IOException {
        this.upstream = upstream;
        this.configurationSet = configurationSet;
        this.subscribers = subscribers;
        this.functions = functions;
        this.server = LoopbackHttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        server.setExecutor(requests);
        server.createContext("/", this::forward);
        server.start();
    }

    /**
     * The proxy for the stack's configuration set, or null when the template publishes no Send
     * events to a function (then SES's endpoint is used as it is).
     */
    static LocalSesEvents start(SamTemplate template, URI ses, String configurationSet, String region,
            LambdaFunctions functions) throws IOException {
        List<Subscriber> subscribers = sendSubscribers(template, region);
        return subscribers.isEmpty() || configurationSet == null || configurationSet.isBlank() ? null
                : new LocalSesEvents(ses, configurationSet, subscribers, functions);
    }

    /** The functions subscribed to a topic that an SES event destination publishes Send events to. */
    static List<Subscriber> sendSubscribers(SamTemplate template, String region) {
        List<Subscriber> out = new ArrayList<>();
        template.resources().forEach((id, resource) -> {
            if (!(resource instanceof Map<?, ?> r) || !DESTINATION_TYPE.equals(r.get("Type"))) {
                return;
            }
            Map<?, ?> destination = (Map<?, ?>) template.properties(id).get("EventDestination");
            List<?> types = destination == null ? List.of() : (List<?>) destination.get("MatchingEventTypes");
            if (types == null || types.stream().noneMatch(t -> "send".equalsIgnoreCase(String.valueOf(t)))
                    || !(destination.get("SnsDestination") instanceof Map<?, ?> sns)) {
                return;
            }
            String topicId = SamTemplate.referencedId(sns.get("TopicARN"));
            template.snsSources().stream().filter(s -> s.topicId().equals(topicId)).forEach(s ->
                    out.add(new Subscriber(s.functionId(), "arn:aws:sns:" + region + ":000000000000:orderhub-local-" + topicId)));
        });
        return out;
    }

    /** Where the functions send e-mail: this proxy. */
    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void forward(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        HttpRequest.Builder request = HttpRequest.newBuilder(upstream.resolve(exchange.getRequestURI().toString()))
                .timeout(Duration.ofMinutes(10))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> request.header(name, v));
            }
        });
        HttpResponse<byte[]> answer;
        try {
            answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.sendResponseHeaders(502, -1);
            exchange.close();
            return;
        } catch (IOException e) {
            exchange.sendResponseHeaders(502, -1);
            exchange.close();
            return;
        }
        // SES has taken it: its event goes out whether or not the caller is still waiting.
        if ("POST".equals(exchange.getRequestMethod()) && answer.statusCode() == 200) {
            Map<String, List<String>> form = form(new String(body, StandardCharsets.UTF_8));
            Matcher id = MESSAGE_ID.matcher(new String(answer.body(), StandardCharsets.UTF_8));
            if ("SendEmail".equals(first(form, "Action")) && configurationSet.equals(first(form, "ConfigurationSetName"))
                    && id.find()) {
                String event = sendEvent(id.group(1), form);
                deliveries.execute(() -> publish(event));
            }
        }
        try {
            answer.headers().firstValue("content-type").ifPresent(t -> exchange.getResponseHeaders().set("Content-Type", t));
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        } catch (IOException callerGone) {
            // the caller timed out and closed the connection: as with SES, the e-mail went anyway
        } finally {
            exchange.close();
        }
    }

    /** SES's Send event record for a SendEmail it accepted (v1 Query form fields). */
    String sendEvent(String messageId, Map<String, List<String>> form) {
        String source = first(form, "Source");
        String address = source == null ? "" : source.replaceAll("^.*<([^>]+)>\\s*$", "$1");
        List<String> to = members(form, "Destination.ToAddresses.member.");
        String now = Instant.now().toString();
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("eventType", "Send");
        ObjectNode mail = root.putObject("mail");
        mail.put("timestamp", now);
        mail.put("source", source);
        mail.put("sendingAccountId", "000000000000");
        mail.put("messageId", messageId);
        ArrayNode destination = mail.putArray("destination");
        to.forEach(destination::add);
        mail.put("headersTruncated", false);
        mail.putArray("headers");
        ObjectNode common = mail.putObject("commonHeaders");
        common.putArray("from").add(source);
        ArrayNode commonTo = common.putArray("to");
        to.forEach(commonTo::add);
        common.put("messageId", messageId);
        common.put("subject", first(form, "Message.Subject.Data"));
        ObjectNode tags = mail.putObject("tags");
        tags.putArray("ses:configuration-set").add(first(form, "ConfigurationSetName"));
        tags.putArray("ses:source-ip").add("127.0.0.1");
        tags.putArray("ses:from-domain").add(address.contains("@") ? address.substring(address.indexOf('@') + 1) : "");
        tags.putArray("ses:caller-identity").add("local");
        for (int i = 1; first(form, "Tags.member." + i + ".Name") != null; i++) {
            tags.putArray(first(form, "Tags.member." + i + ".Name")).add(first(form, "Tags.member." + i + ".Value"));
        }
        root.putObject("send");
        return Json.write(root);
    }

    private void publish(String event) {
        for (Subscriber s : subscribers) {
            SNSEvent.SNS sns = new SNSEvent.SNS();
            sns.setType("Notification");
            sns.setMessageId(UUID.randomUUID().toString());
            sns.setTopicArn(s.topicArn());
            sns.setMessage(event);
            SNSEvent.SNSRecord record = new SNSEvent.SNSRecord();
            record.setEventSource("aws:sns");
            record.setEventSubscriptionArn(s.topicArn() + ":" + UUID.randomUUID());
            record.setSns(sns);
            SNSEvent e = new SNSEvent();
            e.setRecords(List.of(record));
            // Lambda's asynchronous invocation: the first try and two retries, a little apart.
            for (int attempt = 1; attempt <= 3; attempt++) {
                try {
                    functions.invoke(s.functionId(), e);
                    break;
                } catch (RuntimeException failed) {
                    LOG.warn("SES event delivery failed", "functionId", s.functionId(), "attempt", attempt,
                            "error", failed.getClass().getSimpleName());
                    sleep(Duration.ofSeconds(attempt));
                }
            }
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Map<String, List<String>> form(String body) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return out;
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> v = form.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static List<String> members(Map<String, List<String>> form, String prefix) {
        List<String> out = new ArrayList<>();
        for (int i = 1; first(form, prefix + i) != null; i++) {
            out.add(first(form, prefix + i));
        }
        return out;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        server.stop(0);
        requests.shutdownNow();
        deliveries.shutdownNow();
    }
}
