package dev.orderhub.runtime;

import dev.orderhub.admin.AdminKeys;
import dev.orderhub.aws.AwsClients;
import dev.orderhub.aws.ClientPriming;
import dev.orderhub.config.HubConfig;
import dev.orderhub.crypto.Signatures;
import dev.orderhub.customer.Customers;
import dev.orderhub.customer.DynamoCustomers;
import dev.orderhub.deadletter.DeadLetters;
import dev.orderhub.deadletter.FailureLog;
import dev.orderhub.event.PaymentEvent;
import dev.orderhub.intent.BuyerStatus;
import dev.orderhub.intent.DynamoIntentRepository;
import dev.orderhub.intent.IntentRepository;
import dev.orderhub.json.Json;
import dev.orderhub.live.SqsStatusChanges;
import dev.orderhub.live.StatusChanges;
import dev.orderhub.log.Metrics;
import dev.orderhub.mail.DynamoMailMessages;
import dev.orderhub.mail.Mailer;
import dev.orderhub.mail.SiteSenders;
import dev.orderhub.mail.SesMailer;
import dev.orderhub.matching.IntentMatcher;
import dev.orderhub.order.AuditTrail;
import dev.orderhub.order.DynamoAuditTrail;
import dev.orderhub.order.DynamoOrderCommitStore;
import dev.orderhub.order.DynamoOrderRepository;
import dev.orderhub.order.OrderRepository;
import dev.orderhub.order.PaymentEventProcessor;
import dev.orderhub.provider.ProviderCatalog;
import dev.orderhub.provider.Providers;
import dev.orderhub.provider.api.ApiHttp;
import dev.orderhub.queue.SqsEventQueue;
import dev.orderhub.reconcile.ReconcilePolicy;
import dev.orderhub.reconcile.Reconciler;
import dev.orderhub.ratelimit.FixedWindowLimiter;
import dev.orderhub.order.ManualStatusChange;
import dev.orderhub.order.OrderCommit;
import dev.orderhub.order.OrderEffects;
import dev.orderhub.record.DynamoRecordRepository;
import dev.orderhub.record.RecordRepository;
import dev.orderhub.risk.RiskAnalysis;
import dev.orderhub.risk.DynamoRiskRulesStore;
import dev.orderhub.risk.RiskRulesStore;
import dev.orderhub.sealing.KmsSealer;
import dev.orderhub.sealing.LocalSealer;
import dev.orderhub.sealing.Sealer;
import dev.orderhub.sealing.SealingConfig;
import dev.orderhub.site.SiteCache;
import dev.orderhub.site.DynamoSiteMailStore;
import dev.orderhub.site.SiteMailStore;
import dev.orderhub.site.DynamoSiteRepository;
import dev.orderhub.site.SiteRepository;
import dev.orderhub.sync.DynamoSyncJobStore;
import dev.orderhub.sync.SyncJobStore;
import dev.orderhub.sync.SqsSyncQueue;
import dev.orderhub.sync.SyncQueue;
import dev.orderhub.sync.SyncRunner;
import dev.orderhub.sync.SyncScheduler;
import dev.orderhub.sync.DynamoSyncSchedules;
import dev.orderhub.sync.SyncSchedules;
import dev.orderhub.sync.SyncStarter;
import dev.orderhub.sync.SyncSource;
import dev.orderhub.workflow.DynamoRunStore;
import dev.orderhub.workflow.RunStore;
import dev.orderhub.workflow.DynamoWebhookSecrets;
import dev.orderhub.workflow.WebhookSecrets;
import dev.orderhub.workflow.WorkflowConfig;
import dev.orderhub.workflow.WorkflowDispatcher;
import dev.orderhub.workflow.ThankYouWorkflow;
import dev.orderhub.workflow.WorkflowHooks;
import dev.orderhub.workflow.DynamoWorkflowRepository;
import dev.orderhub.workflow.WorkflowRepository;
import dev.orderhub.workflow.DynamoOutboundSlots;
import dev.orderhub.workflow.OutboundSlots;
import dev.orderhub.workflow.WorkflowRunner;
import dev.orderhub.workflow.action.OrderEdits;
import dev.orderhub.workflow.action.DynamoStockCounts;
import dev.orderhub.workflow.action.StockCounts;
import dev.orderhub.workflow.action.WebhookSender;
import dev.orderhub.workflow.action.WorkflowActions;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What one function's handler is built from: the clients and stores of one deployment, made from
 * one configuration ({@link HubConfig}). A handler builds its Stack once (on Lambda, in the init
 * phase, so the objects are captured by a SnapStart snapshot; in local mode and tests, from the
 * function's own configuration), and no state is shared between Stacks: several stacks can run in
 * one JVM. Each accessor builds only what its function uses: the Ko-fi callback never creates an
 * SES client.
 */
public final class Stack implements AutoCloseable {
    private final HubConfig config;
    private final AwsClients clients;
    private final Clock clock = Clock.systemUTC();
    private final SiteCache siteCache;
    private DynamoDbClient dynamo;
    private SqsClient sqs;
    private SesClient ses;
    private Sealer sealer;

    /** A payment event as the queue carries it, with values no site has: priming's JSON round trip. */
    private static final String PRIMING_EVENT = "{\"schemaVersion\":1,\"eventId\":\"priming\",\"provider\":\"priming\","
            + "\"clientId\":\"priming\",\"orderRef\":\"priming\",\"kind\":\"PAYMENT_SUCCEEDED\","
            + "\"amount\":{\"minor\":100,\"currency\":\"USD\"},\"buyer\":{\"name\":\"Priming\",\"email\":\"priming@example.invalid\"},"
            + "\"items\":[\"priming\"],\"test\":true,\"occurredAt\":\"2026-01-01T00:00:00Z\",\"receivedAt\":\"2026-01-01T00:00:00Z\","
            + "\"attributes\":{\"priming\":\"true\"}}";

    /** Primes what this stack built before a SnapStart snapshot; forgotten when the stack is closed. */
    private final Priming priming;

    public Stack(HubConfig config) {
        this.config = config;
        this.clients = new AwsClients(config);
        this.siteCache = new SiteCache(config.siteCacheTtl());
        Metrics.perSite(config.metricsPerSite());
        // At checkpoint time it primes whatever the handler's constructor built from this stack.
        this.priming = Priming.register("stack", this::prime);
    }

    /** The deployment's stack as Lambda configures a function: from its environment variables. */
    public static Stack fromEnvironment() {
        return new Stack(HubConfig.fromEnvironment());
    }

    public HubConfig config() {
        return config;
    }

    public Clock clock() {
        return clock;
    }

    /** The providers the hub is built with: the registry. */
    public ProviderCatalog providers() {
        return Providers.REGISTRY;
    }

    /** When the registry's providers with an order API are asked about a pending order. */
    public ReconcilePolicy reconcilePolicy() {
        return new ReconcilePolicy(providers());
    }

    public synchronized DynamoDbClient dynamoDb() {
        if (dynamo == null) {
            dynamo = clients.dynamoDb();
        }
        return dynamo;
    }

    public synchronized SqsClient sqs() {
        if (sqs == null) {
            sqs = clients.sqs();
        }
        return sqs;
    }

    /**
     * Seals secrets before they are stored and opens them where a function needs one: under the
     * KMS key SEALING_KEY_ARN, else under SEALING_LOCAL_KEY (local mode, tests). One per container,
     * so a KMS sealer's opened secrets are remembered across invocations.
     */
    public synchronized Sealer sealer() {
        if (sealer == null) {
            SealingConfig s = config.sealing();
            sealer = s.kmsKeyArn().<Sealer>map(arn -> new KmsSealer(clients.kms(s.kmsEndpoint()), arn))
                    .orElseGet(() -> s.localKey().<Sealer>map(LocalSealer::new).orElseGet(Sealer::unconfigured));
        }
        return sealer;
    }

    /** Reads sites from the table every time (the admin API reads its own writes); its writes are seen at once by this container's cached readers. */
    public DynamoSiteRepository sites() {
        return new DynamoSiteRepository(dynamoDb(), config.tableName(), siteCache.freshReads(), sealer());
    }

    /**
     * Reads sites through this container's {@link SiteCache}: for the event paths (callbacks,
     * payment events, workflow runs), where a site's config is read for every event and an admin
     * change may arrive up to SITE_CACHE_SECONDS late.
     */
    public SiteRepository cachedSites() {
        return new DynamoSiteRepository(dynamoDb(), config.tableName(), siteCache, sealer());
    }

    public OrderRepository orders() {
        return new DynamoOrderRepository(dynamoDb(), config.tableName(), reconcilePolicy());
    }

    public RecordRepository records() {
        return new DynamoRecordRepository(dynamoDb(), config.tableName());
    }

    public AuditTrail audit() {
        return new DynamoAuditTrail(dynamoDb(), config.tableName());
    }

    public IntentMatcher intentMatcher() {
        return new IntentMatcher(orderCommit(), intents(), cachedSites(), clock);
    }

    public IntentRepository intents() {
        return new DynamoIntentRepository(dynamoDb(), config.tableName());
    }

    public BuyerStatus buyerStatus() {
        return new BuyerStatus(intents(), orders());
    }

    /** Announces status changes of orders linked to an intent to the live-status push step. */
    public StatusChanges statusChanges() {
        return new SqsStatusChanges(sqs(), config.statusChangesQueueUrl());
    }

    /**
     * The callbacks' delivery log: DELIVERY_LOG_REFUSED_PER_MINUTE refused callbacks kept in detail
     * per site and minute (10 by default, at most 10, 0 to only count them), each write given up
     * after DELIVERY_LOG_TIMEOUT_MS (1000 by default) so that the log never holds a callback up for longer.
     */
    public dev.orderhub.delivery.DeliveryLog deliveryLog() {
        return new dev.orderhub.delivery.TableDeliveryLog(dynamoDb(), config.tableName(),
                config.deliveryLogRefusedPerMinute(), config.deliveryLogTimeout());
    }

    public dev.orderhub.delivery.DeliveryHistory deliveryHistory() {
        return new dev.orderhub.delivery.DeliveryHistory(dynamoDb(), config.tableName());
    }

    public FixedWindowLimiter rateLimiter() {
        return new FixedWindowLimiter(dynamoDb(), config.tableName());
    }

    private synchronized SesClient ses() {
        if (ses == null) {
            ses = clients.ses();
        }
        return ses;
    }

    /** Sends through the configuration set (when one is named), whose events report bounces and complaints. */
    public Mailer mailer() {
        return new SesMailer(ses(), workflowConfig().mailConfigurationSet());
    }

    /** Which address each site may send from, and its display name and staff addresses. */
    public SiteSenders siteSenders() {
        return new SiteSenders(siteMail(), config.mailIdentity());
    }

    /** Reads every time (the admin API reads its own writes); its writes are seen at once by this container's cached readers. */
    public SiteMailStore siteMail() {
        return new DynamoSiteMailStore(dynamoDb(), config.tableName(), siteCache.freshReads());
    }

    /** The same, for the workflow runner, which sends as a site for every e-mail: through this container's {@link SiteCache}. */
    public SiteSenders cachedSiteSenders() {
        return new SiteSenders(new DynamoSiteMailStore(dynamoDb(), config.tableName(), siteCache), config.mailIdentity());
    }

    /**
     * SnapStart priming ({@link Priming}): the JSON and signature paths every function takes
     * (callbacks verify HMACs, admin keys are checked by hash) and each client the handler's
     * constructor built, through calls that change nothing (see {@link ClientPriming}).
     */
    private void prime() {
        Json.write(Json.read(PRIMING_EVENT, PaymentEvent.class));
        byte[] priming = PRIMING_EVENT.getBytes(StandardCharsets.UTF_8);
        Signatures.constantTimeEquals(Signatures.hmacSha256(priming, priming), Signatures.fromHex(Signatures.sha256Hex(PRIMING_EVENT)));
        DynamoDbClient d;
        SqsClient q;
        SesClient m;
        synchronized (this) {
            d = dynamo;
            q = sqs;
            m = ses;
        }
        if (d != null && config.tableName() != null) {
            ClientPriming.dynamoDb(d, config.tableName());
        }
        if (q != null) {
            ClientPriming.sqs(clients, config.eventsQueueUrl());
        }
        if (m != null) {
            ClientPriming.ses(clients);
        }
    }

    /** Which order each e-mail the hub sent was about, for its bounces and complaints. */
    public DynamoMailMessages mailMessages() {
        return new DynamoMailMessages(dynamoDb(), config.tableName(), clock);
    }

    public AdminKeys adminKeys() {
        return new AdminKeys(dynamoDb(), config.tableName());
    }

    public FailureLog failureLog() {
        return new FailureLog(dynamoDb(), config.tableName(), clock);
    }

    public dev.orderhub.deadletter.SiteDeadLetters siteDeadLetters() {
        return new dev.orderhub.deadletter.SiteDeadLetters(dynamoDb(), config.tableName(), clock);
    }

    public DeadLetters deadLetters() {
        return new DeadLetters(DeadLetters.PAYMENT_EVENTS, sqs(), config.deadLetterQueueUrl(), config.eventsQueueUrl(), failureLog(),
                siteDeadLetters());
    }

    /** The workflow runs' dead letters, where the deployment gives their queue (the admin API's). */
    public java.util.Optional<DeadLetters> workflowRunDeadLetters() {
        return java.util.Optional.ofNullable(workflowConfig().runsDeadLetterQueueUrl()).map(url ->
                new DeadLetters(DeadLetters.WORKFLOW_RUNS, sqs(), url, workflowConfig().runsQueueUrl(), failureLog(), siteDeadLetters()));
    }

    public SqsEventQueue eventQueue() {
        return new SqsEventQueue(sqs(), config.eventsQueueUrl());
    }

    public PaymentEventProcessor paymentEventProcessor() {
        return new PaymentEventProcessor(orderCommit(), records(), intentMatcher(), workflowHooks(), clock);
    }

    /** An admin's (or a workflow's) status change, through the order commit. */
    public ManualStatusChange manualStatusChange() {
        return new ManualStatusChange(orderCommit(), clock);
    }

    /** The one way orders change: conditional write, triggers, history, audit, runs and live status. */
    public OrderCommit orderCommit() {
        return new OrderCommit(new DynamoOrderCommitStore(orders(), audit()),
                new OrderEffects(workflowDispatcher(), statusChanges(), intents()), clock);
    }

    /** Hands fired triggers to the workflow runner. */
    public WorkflowDispatcher workflowDispatcher() {
        return new WorkflowDispatcher(cachedWorkflows(), cachedSites(),
                new dev.orderhub.workflow.SqsRunQueue(sqs(), workflowConfig().runsQueueUrl()));
    }

    public WorkflowConfig workflowConfig() {
        return config.workflow();
    }

    /** Reads every time; its writes are seen at once by this container's cached readers. */
    public WorkflowRepository workflows() {
        return new DynamoWorkflowRepository(dynamoDb(), config.tableName(), siteCache.freshReads());
    }

    /** Lists a site's workflows through this container's {@link SiteCache}: for the payment-events function, once per event. */
    private WorkflowRepository cachedWorkflows() {
        return new DynamoWorkflowRepository(dynamoDb(), config.tableName(), siteCache);
    }

    /** Reads every time; its writes are seen at once by this container's cached readers. */
    public RiskRulesStore riskRules() {
        return new DynamoRiskRulesStore(dynamoDb(), config.tableName(), siteCache.freshReads());
    }

    public Customers customers() {
        return new DynamoCustomers(dynamoDb(), config.tableName());
    }

    public DynamoRunStore workflowRuns() {
        return new DynamoRunStore(dynamoDb(), config.tableName(), config.workflowRunLease());
    }

    public WebhookSecrets webhookSecrets() {
        return new DynamoWebhookSecrets(dynamoDb(), config.tableName(), sealer());
    }

    public StockCounts stockCounts() {
        return new DynamoStockCounts(dynamoDb(), config.tableName());
    }

    /** The default thank-you workflow (the auto-reply): installed with a site, or on its first paid order. */
    public ThankYouWorkflow thankYouWorkflow() {
        return new ThankYouWorkflow(cachedWorkflows(), clock);
    }

    /** The payment-events function's side of workflows: risk analysis and queuing runs. */
    public WorkflowHooks workflowHooks() {
        WorkflowDispatcher dispatcher = workflowDispatcher();
        return new WorkflowHooks(new RiskAnalysis(new DynamoRiskRulesStore(dynamoDb(), config.tableName(), siteCache), customers()),
                dispatcher, clock);
    }

    public WorkflowRunner workflowRunner() {
        return workflowRunner(mailer());
    }

    /** The runner sending through the given mailer (the tests' SES that answers late or not at all). */
    public WorkflowRunner workflowRunner(Mailer mailer) {
        return workflowRunner(mailer, dynamoDb());
    }

    /** As above, its runs and sent e-mails recorded through {@code db} (the tests' store that fails a write). */
    public WorkflowRunner workflowRunner(Mailer mailer, DynamoDbClient db) {
        OrderRepository orders = orders();
        ApiHttp http = ApiHttp.forActions(config);
        WorkflowActions actions = new WorkflowActions(providers(), new OrderEdits(orderCommit()), customers(),
                manualStatusChange(), cachedSites(), http, stockCounts(),
                mailer, cachedSiteSenders(), new DynamoMailMessages(db, config.tableName(), clock),
                new WebhookSender(http, clock), webhookSecrets(), clock);
        return new WorkflowRunner(cachedWorkflows(), new DynamoRunStore(db, config.tableName(), config.workflowRunLease()), orders,
                customers(), cachedSites(), actions, outboundSlots(), clock, config.workflow().sendEventWait());
    }

    /**
     * The per-site cap on workflow runs calling out at once (OUTBOUND_RUNS_PER_SITE, default 2); a
     * run over it waits about as long as one outgoing call can take (3 tries of 8 s and backoff).
     */
    public OutboundSlots outboundSlots() {
        return new DynamoOutboundSlots(dynamoDb(), config.tableName(), config.outboundRunsPerSite(), config.workflowRunLease(),
                config.outboundPostpone());
    }

    /** The scheduled look-ups at the registry's providers with an order API (Ko-fi and Buy Me a Coffee have none). */
    public Reconciler reconciler() {
        ApiHttp http = ApiHttp.standard(config);
        return new Reconciler(orders(), orderCommit(), sites(), eventQueue(), providers().all().stream()
                .flatMap(p -> p.orderLookups().stream()).map(l -> l.client().apply(http)).toList(),
                reconcilePolicy(), clock, config.reconcileMaxAttempts());
    }

    public SyncJobStore syncJobs() {
        return new DynamoSyncJobStore(dynamoDb(), config.tableName());
    }

    /** The sync-jobs queue (SYNC_JOBS_QUEUE_URL, read like the rest of the configuration). */
    public SyncQueue syncQueue() {
        return new SqsSyncQueue(sqs(), config.syncJobsQueueUrl());
    }

    /**
     * Provider data syncs. A page takes at most the client's 4 tries of 10 s plus backoff, so a
     * run stops starting pages with less than a minute left.
     */
    public SyncRunner syncRunner() {
        return new SyncRunner(syncJobs(), sites(), records(), syncQueue(), syncSources(), Duration.ofSeconds(60), clock);
    }

    public SyncStarter syncStarter() {
        return new SyncStarter(syncJobs(), syncQueue());
    }

    public SyncSchedules syncSchedules() {
        return new DynamoSyncSchedules(dynamoDb(), config.tableName());
    }

    /** The schedule's tick: incremental runs of the site+providers whose schedule is on. */
    public SyncScheduler syncScheduler() {
        return new SyncScheduler(syncSchedules(), syncStarter(), sites(), syncSources(), clock);
    }

    /** The registry's providers whose history a sync can pull: Stripe's six list endpoints, Xsolla's subscriptions. */
    public List<SyncSource> syncSources() {
        ApiHttp http = ApiHttp.standard(config);
        return providers().all().stream().flatMap(p -> p.historySync().stream()).map(h -> h.source(http)).toList();
    }

    /**
     * Local mode and tests, which build and drop stacks in one JVM: no more priming of this stack,
     * and the clients it made are closed. On Lambda a stack lives as long as its container.
     */
    @Override
    public void close() {
        priming.unregister();
        synchronized (this) {
            for (software.amazon.awssdk.core.SdkClient c : java.util.Arrays.asList(dynamo, sqs, ses)) {
                if (c != null) {
                    c.close();
                }
            }
        }
    }
}
