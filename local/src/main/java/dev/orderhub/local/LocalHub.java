package dev.orderhub.local;

import dev.orderhub.aws.AwsClients;
import dev.orderhub.config.HubConfig;
import dev.orderhub.crypto.Signatures;
import dev.orderhub.db.Ids;
import dev.orderhub.http.outbound.OutboundAddresses;
import dev.orderhub.runtime.Stack;
import dev.orderhub.sealing.LocalSealer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The whole system on this machine: stand-ins, the template's tables and queues, every function
 * in-process with the environment the template gives it, the HTTP gateway and the queue pollers.
 * Local mode's {@code start} and the integration tests both run one of these. Each function is
 * built from a configuration of its own (nothing goes through JVM-wide settings), so several
 * LocalHubs can run side by side in one JVM.
 */
public final class LocalHub implements AutoCloseable {
    public static final String REGION = "us-east-1";
    public static final String PARAMETER_PREFIX = "orderhub.parameter.";
    private static final String LIVE_STATUS_ENDPOINT = "LIVE_STATUS_ENDPOINT";
    /** The KMS key template.yaml gives the functions; local mode has none and seals with SEALING_LOCAL_KEY. */
    private static final String SEALING_KEY_ARN = "SEALING_KEY_ARN";
    private static final String SES_ENDPOINT = "AWS_ENDPOINT_URL_SES";
    private static final String MAIL_CONFIGURATION_SET_PARAMETER = "MailConfigurationSet";
    /** The configuration set local mode's stand-ins send with (template parameter MailConfigurationSet). */
    public static final String LOCAL_CONFIGURATION_SET = "orderhub-local";

    static {
        // The SDK's URL-connection client keeps at most http.maxConnections (default 5) idle connections per
        // host and closes the rest after each request. On Lambda each concurrent batch has its own container and
        // JVM; here every function, poller and sender shares this one, so with 5 a burst reconnected to the
        // stand-ins for many requests. Read once, at the first kept-alive connection: set before any.
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", "64");
        }
    }

    private final Path root;
    private final SamTemplate template;
    private final Target target;
    /** The KMS key made for this run, when the target seals with KMS; else null. */
    private final String sealingKeyArn;
    private final Map<String, String> physical;
    private final LambdaFunctions functions;
    private final LocalGateway gateway;
    private final LocalLiveSocket liveSocket;
    private final List<QueuePoller> pollers = new ArrayList<>();
    private final List<LocalScheduler> schedulers = new ArrayList<>();
    private final String operatorKey;
    /** Local stacks run as in the middle of an operator key rotation, so both accepted hashes are exercised. */
    private final String nextOperatorKey;
    /** Every function's configuration together: what the tests and the local tooling's {@link #stack()} see. */
    private final Map<String, String> environment;
    /** Each function's own variables (its template environment resolved here), by logical id. */
    private final Map<String, Map<String, String>> functionVariables = new HashMap<>();
    /** What every function of this stack is given besides its own variables: region, endpoints, sealing, gateway. */
    private final Map<String, String> stackSettings = new java.util.concurrent.ConcurrentHashMap<>();
    private Stack stack;
    private final DynamoDbClient dynamo;
    private final SqsClient sqs;
    /** The SES event destination the stand-in lacks (Send events to the mail-events function), or null. */
    private final LocalSesEvents sesEvents;

    /**
     * @param port gateway port; 0 picks a free one, -1 starts no gateway (invoke)
     * @param visibilityTimeout queue visibility timeout in seconds; 0 keeps the template's
     * @param pollQueues whether to drive the SQS-triggered functions
     * @param scheduleEvery how often to run the Schedule-triggered functions: null for the
     *     template's rate, {@link Duration#ZERO} for never (tests run them by hand)
     * @param standInPorts the stand-ins' ports (0: any free one; the default target only)
     * @param liveStatusPort the live-status WebSocket's port (0: any free one)
     */
    public record Options(int port, int visibilityTimeout, boolean pollQueues, Duration scheduleEvery,
                          StandIns.Ports standInPorts, int liveStatusPort) {
        /** Stand-ins and the live-status WebSocket on free ports. */
        public Options(int port, int visibilityTimeout, boolean pollQueues, Duration scheduleEvery) {
            this(port, visibilityTimeout, pollQueues, scheduleEvery, StandIns.Ports.ANY, 0);
        }

        public static Options forTests() {
            return new Options(0, 1, true, Duration.ZERO);
        }
    }

    private LocalHub(Path root, Options options, Target target) throws IOException {
        this.root = root;
        this.target = target;
        try {
            this.template = SamTemplate.read(root.resolve("template.yaml"));
            TablePolicyGuard.install(template); // each function's table requests as its IAM role allows them
            this.operatorKey = "ohk_" + Ids.random(32);
            this.nextOperatorKey = "ohk_" + Ids.random(32);
            Map<String, String> props = stackSettings;
            props.put("AWS_REGION", target.region());
            props.putAll(target.endpoints());
            Map<String, String> beforeTheTable = new HashMap<>(props);
            beforeTheTable.put("TABLE_NAME", "bootstrap"); // none exists yet: the clients below only provision
            HubConfig bootstrap = HubConfig.from(beforeTheTable::get);
            if (target.emulated()) {
                // An emulator takes any static credentials; a real account's come from the SDK's default chain.
                System.setProperty("aws.accessKeyId", "local");
                System.setProperty("aws.secretAccessKey", "local");
            }
            AwsClients clients = new AwsClients(bootstrap);
            this.dynamo = clients.dynamoDb();
            this.sqs = clients.sqs();
            this.physical = Provisioner.provision(template, dynamo, sqs, target.resourcePrefix(), options.visibilityTimeout());
            this.sealingKeyArn = target.sealsWithKms()
                    ? Provisioner.createSealingKey(clients.kms(kmsEndpoint(target)), target.resourcePrefix()) : null;

            // Every function's environment, resolved as CloudFormation would, becomes that function's
            // configuration: the handlers in this JVM are built from it (LambdaFunctions).
            Map<String, String> parameters = new HashMap<>();
            parameters.put("OperatorKeyHash", Signatures.sha256Hex(operatorKey));
            parameters.put("OperatorKeyHashNext", Signatures.sha256Hex(nextOperatorKey));
            // -Dorderhub.parameter.<Name>=value sets a template parameter, as sam deploy's
            // --parameter-overrides does (tests point StripeApiBase at a stand-in this way).
            System.getProperties().stringPropertyNames().stream().filter(n -> n.startsWith(PARAMETER_PREFIX))
                    .forEach(n -> parameters.put(n.substring(PARAMETER_PREFIX.length()), System.getProperty(n)));
            if (target.kind() == TargetKind.STANDINS) {
                // The stand-in takes any configuration set; with one, e-mail is sent as on a deployed
                // stack, and LocalSesEvents publishes the set's Send events as SES would.
                parameters.putIfAbsent(MAIL_CONFIGURATION_SET_PARAMETER, LOCAL_CONFIGURATION_SET);
            }
            for (SamTemplate.Function f : template.functions()) {
                Map<String, String> own = new HashMap<>();
                f.environment().forEach((k, v) -> {
                    // local mode's own gateway, set below; and the sealing key, set below from the target
                    if (!LIVE_STATUS_ENDPOINT.equals(k) && !SEALING_KEY_ARN.equals(k)) {
                        own.put(k, environmentOr(k, v, parameters));
                    }
                });
                functionVariables.put(f.logicalId(), Map.copyOf(own));
            }
            // The stand-ins (provider APIs, receivers) listen on 127.0.0.1: allowed here, never on AWS
            // (the template does not set it, TemplateSecurityTest checks).
            props.put(OutboundAddresses.ALLOW_LOOPBACK, "true");
            if (sealingKeyArn != null) {
                props.put(SEALING_KEY_ARN, sealingKeyArn);
            } else {
                // Secrets are sealed with a key made for this run (the stand-ins' data lives as long as the run).
                // A key given in the environment is used instead, so that functions outside this JVM (sam local
                // invoke with events/env.json) can read what this stack sealed.
                String givenKey = System.getenv("SEALING_LOCAL_KEY");
                props.put("SEALING_LOCAL_KEY", givenKey != null && !givenKey.isBlank() ? givenKey : LocalSealer.newKey());
            }
            // A function is built when first invoked, from the stack's settings and its own variables.
            this.functions = new LambdaFunctions(template, id -> configuration(functionEnvironment(id)));
            this.sesEvents = target.kind() == TargetKind.STANDINS && props.get(SES_ENDPOINT) != null
                    ? LocalSesEvents.start(template, URI.create(props.get(SES_ENDPOINT)), functionsSetting("MAIL_CONFIGURATION_SET"),
                            target.region(), functions) : null;
            if (sesEvents != null) {
                // The functions send through it; reading the stand-in's store stays direct.
                props.put(SES_ENDPOINT, sesEvents.endpoint().toString());
            }
            this.liveSocket = options.port() < 0 ? null : new LocalLiveSocket(template, functions, options.liveStatusPort());
            this.gateway = options.port() < 0 ? null : new LocalGateway(template, functions, options.port(), liveSocket);
            if (gateway != null) {
                // The management API the live-status functions post to (the stage URL on AWS).
                props.put(LIVE_STATUS_ENDPOINT, "http://127.0.0.1:" + gateway.port());
            }
            Map<String, String> all = new HashMap<>(props);
            functionVariables.values().forEach(all::putAll);
            this.environment = Map.copyOf(all);
            if (options.pollQueues()) {
                // As many pollers per source as its ScalingConfig lets Lambda run at once: concurrent
                // batches, and so concurrent writers on one order, as on AWS.
                for (SamTemplate.SqsSource s : template.sqsSources()) {
                    int visibility = options.visibilityTimeout() > 0 ? options.visibilityTimeout()
                            : template.queue(s.queueId()).visibilityTimeout();
                    pollers.addAll(QueuePoller.start(sqs, functions, s, physical.get(s.queueId()), target.region(), visibility));
                }
            }
            if (!Duration.ZERO.equals(options.scheduleEvery())) {
                for (SamTemplate.ScheduleSource s : template.schedules()) {
                    Duration every = options.scheduleEvery() != null ? options.scheduleEvery()
                            : LocalScheduler.rate(resolve(s.expression(), parameters));
                    schedulers.add(new LocalScheduler(functions, s.functionId(), every));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            target.close();
            throw new IOException("interrupted while starting", e);
        } catch (IOException | RuntimeException e) {
            target.close();
            throw e;
        }
    }

    /** A variable the template gives the functions (in its Globals): the value the first function that has it gets. */
    private String functionsSetting(String name) {
        return template.functions().stream().map(f -> functionVariables.get(f.logicalId()).get(name))
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    /** A function's configuration as Lambda would give it: the stack's settings and the function's own variables. */
    public Map<String, String> functionEnvironment(String logicalId) {
        Map<String, String> own = functionVariables.get(logicalId);
        if (own == null) {
            throw new IllegalArgumentException("no function " + logicalId + " in the template");
        }
        Map<String, String> env = new HashMap<>(stackSettings);
        env.putAll(own);
        return env;
    }

    /**
     * A configuration read from {@code variables}, else from this process's own settings (system
     * property, else environment variable): what the developer or the test run gives every
     * function (-DSITE_CACHE_SECONDS=0), as a deployment's parameters would.
     */
    static HubConfig configuration(Map<String, String> variables) {
        return HubConfig.from(name -> variables.containsKey(name) ? variables.get(name) : processSetting(name));
    }

    private static String processSetting(String name) {
        String v = System.getProperty(name);
        return v == null || v.isBlank() ? System.getenv(name) : v;
    }

    /**
     * The objects of this stack as the tests and the local tooling (demo site, load runs) use them
     * directly, built from every function's configuration together ({@link #environment()}).
     */
    public synchronized Stack stack() {
        if (stack == null) {
            stack = new Stack(configuration(environment));
        }
        return stack;
    }

    /**
     * A stack over {@link #environment()} with some settings changed, for a test that builds a
     * handler of its own (a shorter wait, say); the caller closes it.
     */
    public Stack stack(Map<String, String> changed) {
        Map<String, String> env = new HashMap<>(environment);
        env.putAll(changed);
        return new Stack(configuration(env));
    }

    /** On the stand-ins (the default target). */
    public static LocalHub start(Options options) throws IOException {
        Path root = findRoot();
        return new LocalHub(root, options, StandInsTarget.start(root, options.standInPorts()));
    }

    /** On the given target, which the hub closes when it closes. */
    public static LocalHub start(Options options, Target target) throws IOException {
        return new LocalHub(findRoot(), options, target);
    }

    private static java.util.Optional<URI> kmsEndpoint(Target target) {
        return java.util.Optional.ofNullable(target.endpoints().get("AWS_ENDPOINT_URL_KMS")).map(URI::create);
    }

    /** The repository root: -Dorderhub.root, else the nearest folder upwards that holds template.yaml. */
    public static Path findRoot() {
        String configured = System.getProperty("orderhub.root");
        Path p = (configured != null ? Path.of(configured) : Path.of("")).toAbsolutePath().normalize();
        for (Path d = p; d != null; d = d.getParent()) {
            if (Files.exists(d.resolve("template.yaml"))) {
                return d;
            }
        }
        throw new IllegalStateException("template.yaml not found above " + p);
    }

    /**
     * A function's variable that the template sets from a parameter's default gives way to the same variable in
     * this process's environment (`STRIPE_API_BASE=http://127.0.0.1:8089 ./orderhub local`), as a developer
     * expects; a parameter given explicitly (-Dorderhub.parameter.Name) wins over both. Variables naming the
     * stack's own resources (table, queues) always come from the template.
     */
    private String environmentOr(String name, Object value, Map<String, String> parameters) {
        String ref = value instanceof Map<?, ?> m && m.get("Ref") != null ? String.valueOf(m.get("Ref")) : null;
        boolean fromDefault = ref != null && template.parameters().containsKey(ref) && !parameters.containsKey(ref);
        String env = System.getenv(name);
        return fromDefault && env != null && !env.isBlank() ? env : resolve(value, parameters);
    }

    /** The functions' variables the template sets from a parameter (the ones the environment may override). */
    static java.util.Set<String> parameterVariables(SamTemplate template) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (SamTemplate.Function f : template.functions()) {
            f.environment().forEach((k, v) -> {
                if (v instanceof Map<?, ?> m && m.get("Ref") != null && template.parameters().containsKey(String.valueOf(m.get("Ref")))) {
                    out.add(k);
                }
            });
        }
        return out;
    }

    /** The target's endpoints by the AWS SDK's / CLI's variable names (AWS_ENDPOINT_URL_DYNAMODB, ...), sorted. */
    public Map<String, String> endpoints() {
        return new java.util.TreeMap<>(target.endpoints());
    }

    /** The gateway's port, or -1 when there is none (invoke). */
    public int port() {
        return gateway == null ? -1 : gateway.port();
    }

    private String resolve(Object value, Map<String, String> parameters) {
        if (value instanceof Map<?, ?> m && m.get("Fn::Sub") instanceof String sub) {
            java.util.regex.Matcher v = java.util.regex.Pattern.compile("\\$\\{([A-Za-z0-9]+)}").matcher(sub);
            StringBuilder out = new StringBuilder();
            while (v.find()) {
                v.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(resolve(Map.of("Ref", v.group(1)), parameters)));
            }
            return v.appendTail(out).toString();
        }
        if (value instanceof Map<?, ?> m && m.containsKey("Ref")) {
            String ref = String.valueOf(m.get("Ref"));
            if (physical.containsKey(ref)) {
                return physical.get(ref);
            }
            if (parameters.containsKey(ref)) {
                return parameters.get(ref);
            }
            String d = template.parameterDefault(ref);
            if (d != null) {
                return d;
            }
            throw new IllegalStateException("cannot resolve !Ref " + ref + " locally");
        }
        return String.valueOf(value);
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + gateway.port());
    }

    /** The live-status WebSocket endpoint (API Gateway's WebSocket stage on AWS). */
    public URI liveStatusUrl() {
        return URI.create("ws://127.0.0.1:" + liveSocket.port());
    }

    /** Where the target keeps the e-mail sent (its raw format: {@link MailStore.Format}). */
    public URI mailUrl() {
        return mailStore().url();
    }

    /** The stand-in's web view of the e-mail sent. */
    public URI sesUrl() {
        return standIns().ses();
    }

    /** The target, and so where sent e-mail can be read back (none on a real account). */
    public Target target() {
        return target;
    }

    private MailStore mailStore() {
        return target.mailStore().orElseThrow(() -> new IllegalStateException(
                "the " + target.kind().id() + " target keeps no copy of the e-mail it sends"));
    }

    /** Every e-mail sent so far, read back from the target in one shape ({@link MailStore}). */
    public List<com.fasterxml.jackson.databind.JsonNode> sentMail() {
        return mailStore().read();
    }

    public String operatorKey() {
        return operatorKey;
    }

    /** The operator key the stack also accepts, as during a rotation (template parameter OperatorKeyHashNext). */
    public String nextOperatorKey() {
        return nextOperatorKey;
    }

    /** Every function's configuration together (stand-in endpoints, table, queues). */
    public Map<String, String> environment() {
        return environment;
    }

    public String queueUrl(String logicalId) {
        return physical.get(logicalId);
    }

    public String tableName(String logicalId) {
        return physical.get(logicalId);
    }

    public SamTemplate template() {
        return template;
    }

    public LambdaFunctions functions() {
        return functions;
    }

    /**
     * Pauses or resumes every queue consumer, like disabling an event source mapping. Pausing
     * waits for a receive in flight to finish, so nothing is consumed after this returns.
     */
    public void pauseConsumers(boolean pause) {
        pollers.forEach(p -> p.pause(pause));
        if (pause) {
            try {
                Thread.sleep(1500); // one long-poll (1 s) plus an invocation
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Messages on a queue (logical id): visible, in flight (received, or postponed by a runner) or delayed. */
    public int queueDepth(String logicalId) {
        Map<QueueAttributeName, String> a = sqs.getQueueAttributes(GetQueueAttributesRequest.builder()
                .queueUrl(queueUrl(logicalId))
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED).build()).attributes();
        return Integer.parseInt(a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0"))
                + Integer.parseInt(a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0"))
                + Integer.parseInt(a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED, "0"));
    }

    /**
     * Waits until nothing more can happen on its own: every queue a function consumes holds no
     * message (visible, in flight or delayed) for {@code quietFor} without a break. A workflow
     * run's lease is only held while its message is in flight or postponed until the lease ends,
     * both counted here, so once quiet no run is leased and none will come back (to send an
     * e-mail, say). Throws {@link IllegalStateException} naming the last depths that were not all
     * zero when {@code timeout} passes first.
     */
    public void awaitQuiet(Duration quietFor, Duration timeout) throws InterruptedException {
        awaitQuiet(quietFor, timeout, java.util.Set.of());
    }

    /** As above, not counting the queues named in {@code ignored} (by their template id). */
    public void awaitQuiet(Duration quietFor, Duration timeout, java.util.Set<String> ignored) throws InterruptedException {
        List<String> queues = template.sqsSources().stream().map(SamTemplate.SqsSource::queueId).distinct()
                .filter(q -> !ignored.contains(q)).toList();
        long deadline = System.nanoTime() + timeout.toNanos();
        long quietSince = -1;
        Map<String, Integer> busy = Map.of();
        while (true) {
            Map<String, Integer> depths = new java.util.LinkedHashMap<>();
            queues.forEach(q -> depths.put(q, queueDepth(q)));
            long now = System.nanoTime();
            if (depths.values().stream().allMatch(d -> d == 0)) {
                if (quietSince < 0) {
                    quietSince = now;
                } else if (now - quietSince >= quietFor.toNanos()) {
                    return;
                }
            } else {
                quietSince = -1;
                busy = depths;
            }
            if (now >= deadline) {
                throw new IllegalStateException("the queues were not quiet within " + timeout.toSeconds() + " s; last depths: " + busy);
            }
            Thread.sleep(200);
        }
    }

    /** The stand-ins, for fault injection. */
    public StandIns standIns() {
        return target.standIns().orElseThrow(() -> new IllegalStateException(
                "fault injection needs the stand-ins target, not " + target.kind().id()));
    }

    public DynamoDbClient dynamoDb() {
        return dynamo;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public Path root() {
        return root;
    }

    @Override
    public void close() {
        schedulers.forEach(LocalScheduler::close);
        pollers.forEach(QueuePoller::stop); // all at once: each may be in a 1 s long poll
        pollers.forEach(QueuePoller::close);
        if (gateway != null) {
            gateway.close();
        }
        if (liveSocket != null) {
            liveSocket.close();
        }
        if (sesEvents != null) {
            sesEvents.close();
        }
        functions.close();
        synchronized (this) {
            if (stack != null) {
                stack.close();
            }
        }
        if (target.deletesResourcesOnClose()) {
            Provisioner.deprovision(template, physical, dynamo, sqs);
            if (sealingKeyArn != null) {
                Provisioner.deleteSealingKey(new AwsClients(HubConfig.from(environment::get)).kms(kmsEndpoint(target)), sealingKeyArn);
            }
        }
        target.close();
    }
}
