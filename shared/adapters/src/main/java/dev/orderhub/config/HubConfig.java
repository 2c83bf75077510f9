package dev.orderhub.config;

import dev.orderhub.delivery.DeliveryItems;
import dev.orderhub.http.outbound.OutboundAddresses;
import dev.orderhub.mail.MailIdentity;
import dev.orderhub.sealing.SealingConfig;
import dev.orderhub.workflow.OutboundSlots;
import dev.orderhub.workflow.WorkflowConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Settings of one deployment, read once per container: the one configuration object, built by
 * {@link #from} over a source of named values, that the composition root hands to what it builds
 * (no library class reads a setting itself, so one JVM can run stacks of different settings).
 * {@link #fromEnvironment} reads each value from the system property of its name (as local mode
 * sets them for the handlers it runs in-process) or else from the environment variable (as
 * template.yaml sets them on Lambda).
 *
 * @param metricsPerSite METRICS_PER_SITE=true: metrics get a site dimension too (billed per site)
 * @param mailIdentity MAIL_IDENTITY, the SES identity every site sends through
 * @param sealing how secrets are sealed (SEALING_KEY_ARN, else SEALING_LOCAL_KEY)
 * @param workflow the workflow runner's queues, configuration set and wait for SES's Send event
 * @param outboundLoopbackAllowed {@value OutboundAddresses#ALLOW_LOOPBACK}=true: outgoing calls may reach
 *     loopback stand-ins (local mode and tests; the template never sets it)
 * @param deliveryLogRefusedPerMinute DELIVERY_LOG_REFUSED_PER_MINUTE refused callbacks kept in detail per site
 *     and minute (10 by default, at most 10, 0 to only count them)
 * @param deliveryLogTimeout DELIVERY_LOG_TIMEOUT_MS, after which a delivery-log write is given up (1 s)
 * @param outboundRunsPerSite OUTBOUND_RUNS_PER_SITE, the per-site cap on workflow runs calling out at once
 * @param outboundPostpone OUTBOUND_POSTPONE_SECONDS, how long a run over that cap waits (30 s)
 * @param syncJobsQueueUrl SYNC_JOBS_QUEUE_URL, null where the function has no sync-jobs queue
 * @param liveStatusEndpoint LIVE_STATUS_ENDPOINT, the WebSocket API's management endpoint
 * @param source the values all of the above were read from, asked again for settings named by
 *     their user ({@link #setting}: a provider's API base)
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
        Duration siteCacheTtl,
        boolean metricsPerSite,
        MailIdentity mailIdentity,
        SealingConfig sealing,
        WorkflowConfig workflow,
        boolean outboundLoopbackAllowed,
        int deliveryLogRefusedPerMinute,
        Duration deliveryLogTimeout,
        int outboundRunsPerSite,
        Duration outboundPostpone,
        String syncJobsQueueUrl,
        Optional<URI> liveStatusEndpoint,
        Function<String, String> source) {

    /** Provider bodies are capped so that one event plus its raw payload fits one SQS message. */
    public static final int DEFAULT_MAX_CALLBACK_BYTES = 192 * 1024;
    /** How long an AWS request may wait for bytes before it is abandoned (and retried by the SDK). */
    public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofSeconds(10);
    /** Twice the workflow runner's 60 s timeout: a live runner never loses its run to another delivery. */
    public static final Duration DEFAULT_WORKFLOW_RUN_LEASE = Duration.ofMinutes(2);
    /** How long a warm container may use a site's config read before (SiteCache): how late an admin change can arrive. */
    public static final Duration DEFAULT_SITE_CACHE_TTL = Duration.ofSeconds(10);
    /** How many scheduled look-ups an order that stays pending gets before the reconciler gives up on it. */
    public static final int DEFAULT_RECONCILE_MAX_ATTEMPTS = 8;
    /** Longer than any one delivery-log write takes; the callback does not wait longer for it. */
    public static final Duration DEFAULT_DELIVERY_LOG_TIMEOUT = Duration.ofSeconds(1);
    /** About as long as one outgoing call can take (3 tries of 8 s and backoff). */
    public static final Duration DEFAULT_OUTBOUND_POSTPONE = Duration.ofSeconds(30);

    /** The hashes of the keys that are the deployment's operator: the current one, and the next one during a rotation. */
    public java.util.List<String> operatorKeyHashes() {
        return java.util.stream.Stream.of(operatorKeyHash, nextOperatorKeyHash).filter(h -> !h.isEmpty()).toList();
    }

    /** The configuration of this process: Lambda's environment, or the system properties local mode sets. */
    public static HubConfig fromEnvironment() {
        return from(HubConfig::environment);
    }

    /**
     * A setting of this configuration that its user names (a provider's API base): trimmed, null
     * when it is not set or blank. Settings every deployment has are the typed values above.
     */
    public String setting(String name) {
        String v = source.apply(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /**
     * The one place a setting is read from the process: the system property of that name (local
     * mode and the tests set these), else the environment variable (Lambda); null when neither is
     * set or it is blank.
     */
    private static String environment(String name) {
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
                        String.valueOf(DEFAULT_RECONCILE_MAX_ATTEMPTS))),
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
                        .map(v -> Duration.ofSeconds(Long.parseLong(v))).orElse(DEFAULT_SITE_CACHE_TTL),
                "true".equalsIgnoreCase(orDefault(source.apply("METRICS_PER_SITE"), "").trim()),
                MailIdentity.configured(blankToNull(source.apply("MAIL_IDENTITY"))),
                SealingConfig.from(source),
                WorkflowConfig.from(source),
                "true".equalsIgnoreCase(orDefault(source.apply(OutboundAddresses.ALLOW_LOOPBACK), "").trim()),
                Integer.parseInt(orDefault(source.apply("DELIVERY_LOG_REFUSED_PER_MINUTE"),
                        String.valueOf(DeliveryItems.MAX_DETAILED_PER_MINUTE)).trim()),
                millis(source, "DELIVERY_LOG_TIMEOUT_MS").orElse(DEFAULT_DELIVERY_LOG_TIMEOUT),
                Integer.parseInt(orDefault(source.apply("OUTBOUND_RUNS_PER_SITE"),
                        String.valueOf(OutboundSlots.DEFAULT_PER_SITE)).trim()),
                // The tests shorten the wait so a postponed run lands within their waits.
                Optional.ofNullable(blankToNull(source.apply("OUTBOUND_POSTPONE_SECONDS")))
                        .map(v -> Duration.ofSeconds(Long.parseLong(v.trim()))).orElse(DEFAULT_OUTBOUND_POSTPONE),
                blankToNull(source.apply("SYNC_JOBS_QUEUE_URL")),
                Optional.ofNullable(blankToNull(source.apply("LIVE_STATUS_ENDPOINT"))).map(URI::create),
                source);
    }

    private static Optional<Duration> millis(Function<String, String> source, String name) {
        return Optional.ofNullable(blankToNull(source.apply(name))).map(v -> Duration.ofMillis(Long.parseLong(v.trim())));
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
