package dev.orderhub.workflow.action;

import dev.orderhub.customer.Customers;
import dev.orderhub.log.JsonLog;
import dev.orderhub.log.Metrics;
import dev.orderhub.mail.MailMessages;
import dev.orderhub.mail.Email;
import dev.orderhub.mail.MailOutcomeUnknown;
import dev.orderhub.mail.MailTag;
import dev.orderhub.mail.Mailer;
import dev.orderhub.mail.SiteSenders;
import dev.orderhub.mail.UnsendableEmail;
import dev.orderhub.order.ManualStatusChange;
import dev.orderhub.order.Order;
import dev.orderhub.order.OrderMatch;
import dev.orderhub.order.OrderStatus;
import dev.orderhub.provider.PaymentCommands;
import dev.orderhub.provider.PaymentProvider;
import dev.orderhub.provider.ProviderCatalog;
import dev.orderhub.provider.api.OutboundHttp;
import dev.orderhub.site.AutoReply;
import dev.orderhub.site.ProviderConfig;
import dev.orderhub.site.SiteMail;
import dev.orderhub.site.SiteRepository;
import dev.orderhub.workflow.Action;
import dev.orderhub.workflow.ActionType;
import dev.orderhub.workflow.Subject;
import dev.orderhub.workflow.WebhookSecrets;
import dev.orderhub.json.Json;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Performs one workflow action and says what it did, or what it would do ({@link #describe}, for
 * the dry run). Every action is safe to repeat with the same key: tags are sets, status and review
 * changes are no-ops once made, Stripe gets the key as Idempotency-Key, restocks carry it.
 */
public final class WorkflowActions {
    private static final JsonLog LOG = JsonLog.get(WorkflowActions.class);
    private final ProviderCatalog providers;
    private final OrderEdits edits;
    private final Customers customers;
    private final ManualStatusChange statusChange;
    private final SiteRepository sites;
    private final OutboundHttp providerCalls;
    private final StockCounts stock;
    private final Mailer mailer;
    private final SiteSenders senders;
    private final MailMessages sentMail;
    private final WebhookSender webhooks;
    private final WebhookSecrets webhookSecrets;
    private final Clock clock;

    public WorkflowActions(ProviderCatalog providers, OrderEdits edits, Customers customers, ManualStatusChange statusChange, SiteRepository sites,
            OutboundHttp providerCalls, StockCounts stock, Mailer mailer, SiteSenders senders,
            MailMessages sentMail, WebhookSender webhooks, WebhookSecrets webhookSecrets, Clock clock) {
        this.providers = providers;
        this.edits = edits;
        this.customers = customers;
        this.statusChange = statusChange;
        this.sites = sites;
        this.providerCalls = providerCalls;
        this.stock = stock;
        this.mailer = mailer;
        this.senders = senders;
        this.sentMail = sentMail;
        this.webhooks = webhooks;
        this.webhookSecrets = webhookSecrets;
        this.clock = clock;
    }

    public String execute(ActionContext ctx, Action a) {
        Subject s = ctx.subject();
        return switch (a.type()) {
            case ADD_ORDER_TAG -> tag(s, a.text("tag"), true, ctx.actionKey());
            case REMOVE_ORDER_TAG -> tag(s, a.text("tag"), false, ctx.actionKey());
            case ADD_CUSTOMER_TAG -> {
                if (s.buyerEmail() == null) {
                    throw ActionFailed.permanent("the order has no buyer e-mail address");
                }
                customers.addTag(s.clientId(), s.buyerEmail(), a.text("tag"));
                yield "customer tagged " + a.text("tag");
            }
            case MARK_FOR_REVIEW -> review(s, a.text("reason"), ctx);
            case SET_STATUS -> status(s, OrderStatus.fromWire(a.text("status")), a.text("reason"), ctx);
            case CAPTURE_PAYMENT -> capture(s, ctx.actionKey());
            case CANCEL_PAYMENT -> cancel(s, a, ctx.actionKey());
            case AUTO_REPLY -> autoReply(ctx);
            case EMAIL_BUYER, EMAIL_STAFF -> mail(ctx, a);
            case WEBHOOK -> webhook(ctx, a);
        };
    }

    /** What the action would do to this subject, without doing it. */
    public static String describe(ActionContext ctx, Action a, ProviderCatalog providers) {
        Subject s = ctx.subject();
        return switch (a.type()) {
            case ADD_ORDER_TAG -> "add order tag " + a.text("tag");
            case REMOVE_ORDER_TAG -> "remove order tag " + a.text("tag");
            case ADD_CUSTOMER_TAG -> "add customer tag " + a.text("tag");
            case MARK_FOR_REVIEW -> "put the order in the review queue: " + a.text("reason");
            case SET_STATUS -> "set the status from " + s.status() + " to " + a.text("status");
            case CAPTURE_PAYMENT -> capturing(providers, s.provider())
                    .map(c -> "capture " + c.target(s.orderRef()))
                    .orElse("nothing: capture needs " + needed(providers, true) + ", this is " + s.provider());
            case CANCEL_PAYMENT -> providers.paymentCommands(s.provider())
                    .map(c -> "cancel " + c.target(s.orderRef()))
                    .orElse("nothing: cancel needs " + needed(providers, false) + ", this is " + s.provider())
                    + (a.flag("restock", false) ? " and restock " + quantities(s) : "");
            case AUTO_REPLY -> "e-mail the buyer the " + s.provider() + " auto-reply, if it is switched on";
            case EMAIL_BUYER, EMAIL_STAFF -> {
                WorkflowMail.Message m = WorkflowMail.compose(ctx, a, null);
                yield "e-mail " + m.to().size() + " recipient(s) in " + m.locale() + ": " + m.email().subject();
            }
            case WEBHOOK -> "POST the run to " + URI.create(a.text("url")).getHost();
        };
    }

    private String tag(Subject s, String tag, boolean add, String key) {
        edits.edit(s.clientId(), s.orderId(), key, o -> {
            TreeSet<String> tags = new TreeSet<>(o.tags());
            boolean changed = add ? tags.add(tag) : tags.remove(tag);
            return changed ? o.withTags(tags) : o;
        }).orElseThrow(() -> ActionFailed.permanent("the order no longer exists"));
        return (add ? "order tagged " : "order tag removed ") + tag;
    }

    private String review(Subject s, String reason, ActionContext ctx) {
        edits.edit(s.clientId(), s.orderId(), ctx.actionKey(), o -> o.match().review() == OrderMatch.Review.NEEDED ? o
                : o.withMatch(new OrderMatch(o.match().intentId(), "workflow " + ctx.workflow().name() + ": " + reason,
                        OrderMatch.Review.NEEDED, o.match().candidates(), clock.instant().toString(),
                        o.match().suggested(), o.match().expected())))
                .orElseThrow(() -> ActionFailed.permanent("the order no longer exists"));
        return "order put in the review queue";
    }

    private String status(Subject s, OrderStatus target, String reason, ActionContext ctx) {
        Order current = edits.find(s.clientId(), s.orderId())
                .orElseThrow(() -> ActionFailed.permanent("the order no longer exists"));
        if (current.status() == target) {
            return "status already " + target.wire();
        }
        try {
            statusChange.apply(s.clientId(), s.orderId(), target, reason, "workflow:" + ctx.workflow().id());
            return "status set to " + target.wire();
        } catch (ManualStatusChange.IllegalTransition e) {
            throw ActionFailed.permanent(e.getMessage());
        }
    }

    private String capture(Subject s, String key) {
        PaymentCommands commands = capturing(providers, s.provider()).orElseThrow(() -> ActionFailed.permanent(
                "capture needs " + needed(providers, true) + "; this one is from " + s.provider()));
        return commands.capture(providerCalls, s.orderRef(), secret(s, commands.credential()), key);
    }

    private String cancel(Subject s, Action a, String key) {
        PaymentCommands commands = providers.paymentCommands(s.provider()).orElseThrow(() -> ActionFailed.permanent(
                "cancel needs " + needed(providers, false) + "; this one is from " + s.provider()));
        String done = commands.cancel(providerCalls, s.orderRef(), s.attributes(), a.text("reason"),
                secret(s, commands.credential()), key);
        if (a.flag("restock", false)) {
            quantities(s).forEach((item, qty) -> stock.restock(s.clientId(), item, qty, key));
            done += "; restocked " + quantities(s);
        }
        return done;
    }

    private String mail(ActionContext ctx, Action a) {
        Subject s = ctx.subject();
        String matchReason = null;
        if (s.orderId() != null) {
            matchReason = edits.find(s.clientId(), s.orderId()).map(o -> o.match().reason()).orElse(null);
        }
        WorkflowMail.Message m = WorkflowMail.compose(ctx, a, matchReason);
        boolean staff = a.type() == ActionType.EMAIL_STAFF;
        SiteMail site = senders.mailFor(s.clientId(), m.email().from(), staff ? m.to() : java.util.List.of());
        Email signed = senders.sign(s.clientId(), site, m.email());
        int sent = 0;
        Map<String, String> accepted = new HashMap<>();
        for (int r = 0; r < m.to().size(); r++) {
            String to = m.to().get(r);
            // Checked at save too; checked again here because the site may have removed the address since.
            if (staff && !site.isStaff(to)) {
                recordMailFailure(ctx, "not sent: " + JsonLog.maskEmail(to) + " is not a staff address of the site");
                continue;
            }
            String sendKey = MailTag.sendKey(ctx.runId(), ctx.actionKey(), r);
            String messageId = ctx.sentBefore().get(sendKey);
            try {
                if (messageId == null) {
                    messageId = send(ctx, signed.withRecipient(to), sendKey, accepted);
                }
                accepted.put(sendKey, messageId);
                sent++;
            } catch (UnsendableEmail unsendable) {
                recordMailFailure(ctx, "not sent: " + unsendable.getMessage());
                throw ActionFailed.permanent("e-mail not sent: " + unsendable.getMessage());
            } catch (SendOutcomeUnknown unknown) {
                throw unknown;
            } catch (RuntimeException failure) {
                Metrics.count("EmailFailed", s.provider(), s.clientId());
                recordMailFailure(ctx, failure.getClass().getSimpleName());
                throw ActionFailed.transientFailure("SES refused the e-mail: " + failure.getClass().getSimpleName());
            }
            if (s.orderId() != null) {
                recordSent(ctx, sendKey, accepted, () -> sentMail.record(accepted.get(sendKey), new MailMessages.Sent(s.clientId(),
                        s.orderId(), staff ? MailMessages.WORKFLOW_STAFF : MailMessages.WORKFLOW_BUYER),
                        new MailMessages.Details(m.template(), m.locale(), to, ctx.runId())));
            }
        }
        if (sent == 0) {
            throw ActionFailed.permanent("e-mail not sent: no recipient is a staff address of the site");
        }
        Metrics.count("EmailSent", s.provider(), s.clientId());
        LOG.info("workflow e-mail sent", "clientId", s.clientId(), "orderId", s.orderId(), "runId", ctx.runId(),
                "recipients", sent, "locale", m.locale());
        return "e-mail sent to " + sent + " recipient(s) in " + m.locale();
    }

    /** The auto-reply set in the order's provider config, as the default thank-you workflow sends it. */
    private String autoReply(ActionContext ctx) {
        Subject s = ctx.subject();
        AutoReply settings = sites.findConfig(s.clientId(), s.provider()).map(ProviderConfig::autoReply).orElse(AutoReply.OFF);
        if (!settings.enabled() || settings.from() == null) {
            return AutoReplyMail.NOT_SENT + "the " + s.provider() + " auto-reply is off";
        }
        // The reply names the buyer, amount and message, which no action changes: the run's own read will do.
        Order order = Optional.ofNullable(ctx.order()).or(() -> edits.find(s.clientId(), s.orderId()))
                .orElseThrow(() -> ActionFailed.permanent("the order no longer exists"));
        if (order.buyerEmail() == null || order.buyerEmail().isBlank()) {
            return AutoReplyMail.NOT_SENT + "the order has no buyer e-mail address";
        }
        String sendKey = MailTag.sendKey(ctx.runId(), ctx.actionKey(), 0);
        String messageId = ctx.sentBefore().get(sendKey);
        try {
            if (messageId == null) {
                messageId = send(ctx, senders.sign(s.clientId(), AutoReplyMail.compose(settings, order, ctx.siteName())), sendKey,
                        Map.of());
            }
        } catch (UnsendableEmail unsendable) {
            recordMailFailure(ctx, "not sent: " + unsendable.getMessage());
            return AutoReplyMail.NOT_SENT + unsendable.getMessage();
        } catch (SendOutcomeUnknown unknown) {
            throw unknown;
        } catch (RuntimeException failure) {
            Metrics.count("EmailFailed", s.provider(), s.clientId());
            recordMailFailure(ctx, failure.getClass().getSimpleName());
            throw ActionFailed.transientFailure("SES refused the e-mail: " + failure.getClass().getSimpleName());
        }
        String sentAs = messageId;
        recordSent(ctx, sendKey, Map.of(sendKey, messageId), () -> sentMail.record(sentAs,
                new MailMessages.Sent(s.clientId(), s.orderId(), MailMessages.AUTO_REPLY),
                new MailMessages.Details(MailMessages.AUTO_REPLY, null, order.buyerEmail(), ctx.runId())));
        Metrics.count("EmailSent", s.provider(), s.clientId());
        LOG.info("auto-reply sent", "clientId", s.clientId(), "orderId", s.orderId(), "runId", ctx.runId(),
                "to", JsonLog.maskEmail(order.buyerEmail()), "messageId", messageId);
        return AutoReplyMail.SENT;
    }

    /**
     * One send, tagged with its run and send key. An outcome SES may or may not have accepted is
     * neither a success nor a failure: {@link SendOutcomeUnknown}, with what this action had sent
     * before it, so that nothing is sent again before SES's Send event or the wait for it is over.
     */
    private String send(ActionContext ctx, Email email, String sendKey, Map<String, String> acceptedBefore) {
        MailTag tag = MailTag.read(ctx.subject().clientId(), ctx.runId(), sendKey).orElse(null);
        try {
            return mailer.send(email, tag);
        } catch (MailOutcomeUnknown unknown) {
            Metrics.count("EmailOutcomeUnknown", ctx.subject().provider(), ctx.subject().clientId());
            LOG.warn("e-mail outcome unknown", "clientId", ctx.subject().clientId(), "runId", ctx.runId(), "send", sendKey,
                    "error", unknown.getMessage());
            Map<String, String> known = new HashMap<>(ctx.sentBefore());
            known.putAll(acceptedBefore);
            throw new SendOutcomeUnknown("e-mail outcome unknown: " + unknown.getMessage(), sendKey, known);
        }
    }

    /**
     * Records an e-mail SES took (its message id, for bounces and the order's e-mail list). When
     * that write fails the action is not a failure to retry from scratch, which would send the
     * e-mail again: the send is handed up as taken ({@link SendOutcomeUnknown} whose pending send
     * is among the sent), so the run keeps its message id and the retry only records it.
     */
    private void recordSent(ActionContext ctx, String sendKey, Map<String, String> accepted, Runnable record) {
        try {
            record.run();
        } catch (RuntimeException notRecorded) {
            Map<String, String> sent = new HashMap<>(ctx.sentBefore());
            sent.putAll(accepted);
            throw new SendOutcomeUnknown("e-mail sent as " + sent.get(sendKey) + ", not recorded: "
                    + notRecorded.getClass().getSimpleName(), sendKey, sent);
        }
    }

    /**
     * Notes on the order the last e-mail a workflow could not send (when, which action, why): SES
     * refused it (retried), or it was not sent at all (not retried): its recipient or sender is not
     * one e-mail address, or a staff recipient is no longer one of the site's staff.
     */
    private void recordMailFailure(ActionContext ctx, String why) {
        Subject s = ctx.subject();
        if (s.orderId() == null) {
            return;
        }
        try {
            Order.MailError error = new Order.MailError(Order.MailError.SEND, ctx.actionKey() + ": " + why,
                    clock.instant().toString());
            edits.edit(s.clientId(), s.orderId(), ctx.actionKey(),
                    o -> o.withMailError(Order.MailError.latest(o.mailError(), error)));
        } catch (RuntimeException e) {
            LOG.error("could not record the e-mail failure on the order", e, "orderId", s.orderId());
        }
    }

    private String webhook(ActionContext ctx, Action a) {
        Subject s = ctx.subject();
        String secret = webhookSecrets.find(s.clientId())
                .orElseThrow(() -> ActionFailed.permanent("the site has no webhook secret; rotate one through the admin API"));
        Map<String, Object> body = WebhookBody.of(ctx.runId(), ctx.workflow().id(), ctx.workflow().version(), ctx.trigger(), s);
        return webhooks.send(URI.create(a.text("url")), Json.write(body), secret, ctx.actionKey());
    }

    /** The provider's commands, when it holds payments to capture. */
    private static Optional<PaymentCommands> capturing(ProviderCatalog providers, String provider) {
        return providers.paymentCommands(provider).filter(PaymentCommands::captures);
    }

    /** The orders a capture (or a cancel) can act on, in words: "a Stripe order", "a Stripe or Shopify order". */
    private static String needed(ProviderCatalog providers, boolean capture) {
        List<String> names = providers.all().stream()
                .filter(p -> p.paymentCommands().filter(c -> !capture || c.captures()).isPresent())
                .map(PaymentProvider::displayName).toList();
        return "a " + String.join(" or ", names) + " order";
    }

    private String secret(Subject s, String name) {
        return sites.findConfig(s.clientId(), s.provider()).map(c -> c.secret(name, clock.instant())).orElse(null);
    }

    private static Map<String, Integer> quantities(Subject s) {
        Map<String, Integer> q = new TreeMap<>();
        s.items().forEach(i -> q.merge(i, 1, Integer::sum));
        return q;
    }
}
