package dev.orderhub.config;

import dev.orderhub.reconcile.ReconcilePolicy;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Settings of one deployment, read once per container. Each value comes from the system
 * property of its name (as local mode sets them for the handlers it runs in-process) or else
 * from the environment variable (as template.yaml sets them on Lambda).
 */
public record HubConfig(
        String region,
        Optional<URI> dynamoDbEndpoint,
        Optional<URI> sqsEndpoint,
        Optional<URI> sesEndpoint,
        String tableName,
        String eventsQueueUrl,
        String deadLetterQueueUrl,
        String statusChangesQueueUrl,
        String operatorKeyHash,
        String nextOperatorKeyHash,
        int maxCallbackBytes,
        int reconcileMaxAttempts,
        Duration socketTimeout,
        Optional<Duration> apiCallTimeout,
        Duration workflowRunLease,
        Duration siteCacheTtl) {

    /** Provider bodies are capped so that one event plus its raw payload fits one SQS message. */
    public static final int DEFAULT_MAX_CALLBACK_BYTES = 192 * 1024;
    /** How long an AWS request may wait for bytes before it is abandoned (and retried by the SDK). */
    public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofSeconds(10);
    /** Twice the workflow runner's 60 s timeout: a live runner never loses its run to another delivery. */
    public static final Duration DEFAULT_WORKFLOW_RUN_LEASE = Duration.ofMinutes(2);
    /** How long a warm container may use a site's config read before (SiteCache): how late an admin change can arrive. */
    public static final Duration DEFAULT_SITE_CACHE_TTL = Duration.ofSeconds(10);

    /** The hashes of the keys that are the deployment's operator: the current one, and the next one during a rotation. */
    public java.util.List<String> operatorKeyHashes() {
        return java.util.stream.Stream.of(operatorKeyHash, nextOperatorKeyHash).filter(h -> !h.isEmpty()).toList();
    }

    public static HubConfig fromEnvironment() {
        return from(HubConfig::setting);
    }

    /**
     * The one way a setting is read: the system property of that name (local mode and the tests set
     * these), else the environment variable (Lambda); null when neither is set or it is blank.
     */
    public static String setting(String name) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank()) {
            v = System.getenv(name);
        }
        return v == null || v.isBlank() ? null : v;
    }

    /** Where the Java runtime puts the invocation's trace header (an environment variable cannot change per invocation). */
    public static final String TRACE_HEADER_PROPERTY = "com.amazonaws.xray.traceHeader";
    /** Lambda's own variable for the trace header, as the runtime sets it at the start of a container. */
    public static final String TRACE_HEADER_VARIABLE = "_X_AMZN_TRACE_ID";

    /**
     * Lambda's own runtime value, not a setting of ours: the current invocation's X-Ray trace header, from the
     * system property the Java runtime sets per invocation, else the variable; null when neither is set.
     * Read here so that this class stays the one place that reads properties and the environment.
     */
    public static String invocationTraceHeader() {
        String header = System.getProperty(TRACE_HEADER_PROPERTY);
        return header == null || header.isBlank() ? System.getenv(TRACE_HEADER_VARIABLE) : header;
    }

    public static HubConfig from(Function<String, String> source) {
        return new HubConfig(
                orDefault(source.apply("AWS_REGION"), "us-east-1"),
                endpoint(source, "DYNAMODB"),
                endpoint(source, "SQS"),
                endpoint(source, "SES"),
                required(source, "TABLE_NAME"),
                orDefault(source.apply("EVENTS_QUEUE_URL"), ""),
                orDefault(source.apply("DEAD_LETTER_QUEUE_URL"), ""),
                // Blank where live status is not deployed: status changes are then not announced.
                orDefault(source.apply("STATUS_CHANGES_QUEUE_URL"), ""),
                orDefault(source.apply("OPERATOR_KEY_HASH"), ""),
                // Set only while the operator key is being rotated: the key clients move to.
                orDefault(source.apply("OPERATOR_KEY_HASH_NEXT"), ""),
                Integer.parseInt(orDefault(source.apply("MAX_CALLBACK_BYTES"),
                        String.valueOf(DEFAULT_MAX_CALLBACK_BYTES))),
                Integer.parseInt(orDefault(source.apply("RECONCILE_MAX_ATTEMPTS"),
                        String.valueOf(ReconcilePolicy.DEFAULT_MAX_ATTEMPTS))),
                millis(source, "AWS_SOCKET_TIMEOUT_MS").orElse(DEFAULT_SOCKET_TIMEOUT),
                // Bounds one AWS call including the SDK's retries; unset on Lambda, where the function's timeout does.
                // Fault-injection runs set it so that a stalled stand-in turns into a prompt 503.
                millis(source, "AWS_API_CALL_TIMEOUT_MS"),
                // Tests that shorten the queues' visibility timeout shorten this too, so a run whose
                // runner died (a frozen stand-in) is taken over within the test's patience.
                Optional.ofNullable(blankToNull(source.apply("WORKFLOW_RUN_LEASE_SECONDS")))
                        .map(v -> Duration.ofSeconds(Long.parseLong(v))).orElse(DEFAULT_WORKFLOW_RUN_LEASE),
                // 0 turns the cache off: the tests, which change a site and expect the next callback to see it.
                Optional.ofNullable(blankToNull(source.apply("SITE_CACHE_SECONDS")))
                        .map(v -> Duration.ofSeconds(Long.parseLong(v))).orElse(DEFAULT_SITE_CACHE_TTL));
    }

    private static Optional<Duration> millis(Function<String, String> source, String name) {
        return Optional.ofNullable(blankToNull(source.apply(name))).map(v -> Duration.ofMillis(Long.parseLong(v)));
    }

    /**
     * The AWS SDK's own convention: AWS_ENDPOINT_URL_&lt;SERVICE&gt; for one service, else
     * AWS_ENDPOINT_URL for all (LocalStack); absent means the real AWS endpoint.
     */
    private static Optional<URI> endpoint(Function<String, String> source, String service) {
        String v = blankToNull(source.apply("AWS_ENDPOINT_URL_" + service));
        if (v == null) {
            v = blankToNull(source.apply("AWS_ENDPOINT_URL"));
        }
        return Optional.ofNullable(v).map(URI::create);
    }

    private static String required(Function<String, String> source, String name) {
        String v = blankToNull(source.apply(name));
        if (v == null) {
            throw new IllegalStateException("missing configuration " + name);
        }
        return v;
    }

    private static String orDefault(String v, String fallback) {
        return v == null || v.isBlank() ? fallback : v;
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v;
    }
}
