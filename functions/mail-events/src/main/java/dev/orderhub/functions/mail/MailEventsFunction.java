package dev.orderhub.functions.mail;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import dev.orderhub.log.JsonLog;
import dev.orderhub.log.LambdaLogContext;
import dev.orderhub.log.Metrics;
import dev.orderhub.mail.MailEvent;
import dev.orderhub.mail.MailMessages;
import dev.orderhub.mail.SendEvent;
import dev.orderhub.order.Order;
import dev.orderhub.order.OrderCommit;
import dev.orderhub.runtime.Stack;
import dev.orderhub.workflow.RunStore;
import java.util.Optional;

/**
 * Records SES's Send events against the workflow runs that sent the e-mails ({@link SendEvent}:
 * the run and send are read from the message's tags; a runner that could not tell whether SES
 * took an e-mail waits for this before sending again), and bounces and complaints on the orders
 * the e-mails were about. SES publishes them
 * through the configuration set's event destination to the MailEventsTopic; the message id leads
 * to the order through the item written when the hub sent the e-mail ({@link MailMessages}).
 * The order's mail error becomes the bounce or complaint (kind, type, when) as a change through the
 * {@link OrderCommit} like any other, so a notification SNS delivers twice is recorded once (the
 * second finds nothing to change) and an older one never replaces a newer error; the e-mail's own entry
 * in the order's e-mail list gets it too (the same value written again on a repeat). Notifications about
 * e-mails the hub does not know (expired, or not about an order) are logged and dropped: retrying
 * cannot change that.
 */
public final class MailEventsFunction implements RequestHandler<SNSEvent, Void> {
    private static final JsonLog LOG = JsonLog.get(MailEventsFunction.class);
    private final MailMessages sentMail;
    private final OrderCommit orders;
    private final RunStore runs;
    private final String configurationSet;

    /** Lambda's constructor: once per container, from the function's environment. */
    public MailEventsFunction() {
        this(Stack.fromEnvironment());
    }

    /** Local mode and tests: from the stack they built for this function. */
    public MailEventsFunction(Stack stack) {
        this.sentMail = stack.mailMessages();
        this.orders = stack.orderCommit();
        this.runs = stack.workflowRuns();
        this.configurationSet = stack.workflowConfig().mailConfigurationSet();
    }

    @Override
    public Void handleRequest(SNSEvent event, Context context) {
        return LambdaLogContext.during(context, () -> invocation(event, context));
    }

    private Void invocation(SNSEvent event, Context context) {
        if (event == null || event.getRecords() == null) {
            return null;
        }
        for (SNSEvent.SNSRecord r : event.getRecords()) {
            String message = r.getSNS() == null ? null : r.getSNS().getMessage();
            Optional<SendEvent> send = message == null ? Optional.empty() : SendEvent.parse(message);
            if (send.isPresent()) {
                record(send.get());
                continue;
            }
            Optional<MailEvent> parsed = message == null ? Optional.empty() : MailEvent.parse(message);
            if (parsed.isEmpty()) {
                LOG.info("mail notification ignored", "snsMessageId", r.getSNS() == null ? null : r.getSNS().getMessageId());
                continue;
            }
            record(parsed.get());
        }
        return null;
    }

    /**
     * Only events of the hub's own configuration set: SES names it in every event, and the
     * tags it carries were set by the hub's runner (a site's text never becomes a tag).
     */
    private void record(SendEvent e) {
        if (configurationSet == null || !configurationSet.equals(e.configurationSet())) {
            LOG.warn("send event of another configuration set ignored", "messageId", e.messageId(),
                    "configurationSet", e.configurationSet());
            return;
        }
        boolean recorded = runs.recordSendEvent(e.tag().clientId(), e.tag().runId(), e.tag().sendKey(), e.messageId());
        LOG.info(recorded ? "send event recorded on its run" : "send event needs no record", "clientId", e.tag().clientId(),
                "runId", e.tag().runId(), "send", e.tag().sendKey(), "messageId", e.messageId());
    }

    private void record(MailEvent e) {
        Optional<MailMessages.Sent> sent = sentMail.recordDelivery(e);
        if (sent.isEmpty()) {
            LOG.info("mail event for an unknown e-mail", "messageId", e.messageId(), "kind", e.kind().name());
            return;
        }
        MailMessages.Sent s = sent.get();
        OrderCommit.Result r = orders.commit(s.clientId(), s.orderId(), OrderCommit.Change.ofExisting(
                o -> o.withMailError(Order.MailError.latest(o.mailError(), e.error()))), OrderCommit.Cause.system(e.changeKey()));
        if (!r.written()) {
            LOG.info("mail event already recorded, older than the order's error, or order gone", "clientId", s.clientId(),
                    "orderId", s.orderId(), "messageId", e.messageId());
            return;
        }
        String provider = r.after().provider();
        Metrics.count(e.kind() == MailEvent.Kind.BOUNCE ? "EmailBounced" : "EmailComplaint", provider, s.clientId());
        LOG.warn(e.kind() == MailEvent.Kind.BOUNCE ? "e-mail bounced" : "e-mail complaint", "clientId", s.clientId(),
                "orderId", s.orderId(), "mailKind", s.kind(), "type", e.type(), "recipients", e.recipients(),
                "messageId", e.messageId());
    }
}
