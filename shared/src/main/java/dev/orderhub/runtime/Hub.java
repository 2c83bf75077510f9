package dev.orderhub.runtime;

import dev.orderhub.admin.AdminKeys;
import dev.orderhub.aws.AwsClients;
import dev.orderhub.config.HubConfig;
import dev.orderhub.deadletter.DeadLetters;
import dev.orderhub.deadletter.FailureLog;
import dev.orderhub.intent.IntentRepository;
import dev.orderhub.mail.Mailer;
import dev.orderhub.mail.SesMailer;
import dev.orderhub.matching.OrderMatcher;
import dev.orderhub.order.AuditTrail;
import dev.orderhub.order.AutoReplySender;
import dev.orderhub.order.OrderRepository;
import dev.orderhub.order.PaymentEventProcessor;
import dev.orderhub.provider.api.ApiHttp;
import dev.orderhub.provider.shopify.ShopifyApiClient;
import dev.orderhub.provider.stripe.StripeApiClient;
import dev.orderhub.provider.xsolla.XsollaApiClient;
import dev.orderhub.queue.SqsEventQueue;
import dev.orderhub.reconcile.Reconciler;
import dev.orderhub.ratelimit.FixedWindowLimiter;
import dev.orderhub.record.RecordRepository;
import dev.orderhub.site.SiteRepository;
import java.time.Clock;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The objects one Lambda container shares across invocations, built once when a handler class
 * is loaded (and so captured by a SnapStart snapshot). Each accessor builds only what its
 * function uses: the Ko-fi callback never creates an SES client.
 */
public final class Hub {
    private static volatile Hub instance;

    private final HubConfig config;
    private final AwsClients clients;
    private final Clock clock = Clock.systemUTC();
    private DynamoDbClient dynamo;
    private SqsClient sqs;

    private Hub(HubConfig config) {
        this.config = config;
        this.clients = new AwsClients(config);
    }

    public static Hub get() {
        Hub h = instance;
        if (h == null) {
            synchronized (Hub.class) {
                if (instance == null) {
                    instance = new Hub(HubConfig.fromEnvironment());
                }
                h = instance;
            }
        }
        return h;
    }

    /** Local mode and tests: drop the shared objects so the next {@link #get()} reads configuration again. */
    public static synchronized void reset() {
        instance = null;
    }

    public HubConfig config() {
        return config;
    }

    public Clock clock() {
        return clock;
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

    public SiteRepository sites() {
        return new SiteRepository(dynamoDb(), config.tableName());
    }

    public OrderRepository orders() {
        return new OrderRepository(dynamoDb(), config.tableName());
    }

    public RecordRepository records() {
        return new RecordRepository(dynamoDb(), config.tableName());
    }

    public AuditTrail audit() {
        return new AuditTrail(dynamoDb(), config.tableName());
    }

    public OrderMatcher orderMatcher() {
        return new OrderMatcher(orders(), intents(), sites(), clock);
    }

    public IntentRepository intents() {
        return new IntentRepository(dynamoDb(), config.tableName());
    }

    public FixedWindowLimiter rateLimiter() {
        return new FixedWindowLimiter(dynamoDb(), config.tableName());
    }

    public Mailer mailer() {
        return new SesMailer(clients.ses());
    }

    public AdminKeys adminKeys() {
        return new AdminKeys(dynamoDb(), config.tableName());
    }

    public FailureLog failureLog() {
        return new FailureLog(dynamoDb(), config.tableName(), clock);
    }

    public DeadLetters deadLetters() {
        return new DeadLetters(sqs(), config.deadLetterQueueUrl(), config.eventsQueueUrl(), failureLog());
    }

    public SqsEventQueue eventQueue() {
        return new SqsEventQueue(sqs(), config.eventsQueueUrl());
    }

    public PaymentEventProcessor paymentEventProcessor() {
        OrderRepository orders = orders();
        SiteRepository sites = sites();
        AutoReplySender replies = new AutoReplySender(orders, sites, mailer(), clock);
        return new PaymentEventProcessor(orders, records(), sites, replies, orderMatcher(), clock);
    }

    /** The scheduled look-ups at the providers with an order API (Ko-fi and Buy Me a Coffee have none). */
    public Reconciler reconciler() {
        ApiHttp http = ApiHttp.standard();
        return new Reconciler(orders(), sites(), eventQueue(), List.of(StripeApiClient.standard(http),
                XsollaApiClient.standard(http), ShopifyApiClient.standard(http)), clock, config.reconcileMaxAttempts());
    }
}
