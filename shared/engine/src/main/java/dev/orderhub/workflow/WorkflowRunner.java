package dev.orderhub.workflow;

import dev.orderhub.batch.RetryLater;
import dev.orderhub.customer.Customers;
import dev.orderhub.log.JsonLog;
import dev.orderhub.mail.MailTag;
import dev.orderhub.order.Order;
import dev.orderhub.order.OrderRepository;
import dev.orderhub.site.Site;
import dev.orderhub.site.SiteRepository;
import dev.orderhub.workflow.action.ActionContext;
import dev.orderhub.workflow.action.SendOutcomeUnknown;
import dev.orderhub.workflow.action.WorkflowActions;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one queued workflow run: claims it by its idempotency key ({@link RunStore}), evaluates the
 * condition once on the order as it is now (a retry keeps the branch first taken), and performs
 * the branch's actions in order, recording each result ({@link BranchRun}). An action that fails for
 * good does not stop the actions that do not depend on it ({@link ActionDependencies}); the run then
 * ends FAILED. Any other failure leaves the run to be retried with its message, skipping the
 * actions already settled. A workflow switched off or deleted since the trigger fired does not run.
 */
public final class WorkflowRunner {
    private static final JsonLog LOG = JsonLog.get(WorkflowRunner.class);
    private final WorkflowRepository workflows;
    private final RunStore runs;
    private final OrderRepository orders;
    private final Customers customers;
    private final SiteRepository sites;
    private final WorkflowActions actions;
    private final OutboundSlots outbound;
    private final Clock clock;
    /** How long a send whose outcome is unknown waits for SES's Send event before it is sent again. */
    private final Duration sendEventWait;

    /**
     * @param outbound the per-site cap on runs that call out, or null for none
     * @param sendEventWait {@link WorkflowConfig#sendEventWait}
     */
    public WorkflowRunner(WorkflowRepository workflows, RunStore runs, OrderRepository orders, Customers customers,
            SiteRepository sites, WorkflowActions actions, OutboundSlots outbound, Clock clock, Duration sendEventWait) {
        this.sendEventWait = sendEventWait;
        this.workflows = workflows;
        this.runs = runs;
        this.orders = orders;
        this.customers = customers;
        this.sites = sites;
        this.actions = actions;
        this.outbound = outbound;
        this.clock = clock;
    }

    /** The actions that call a server outside AWS, whose answer may be slow in coming. */
    static boolean callsOut(Workflow w) {
        return java.util.stream.Stream.concat(w.actions().stream(), w.otherwise().stream()).anyMatch(a ->
                a.type() == ActionType.WEBHOOK || a.type() == ActionType.CAPTURE_PAYMENT || a.type() == ActionType.CANCEL_PAYMENT);
    }

    public enum Outcome { SUCCEEDED, FAILED, SKIPPED, DUPLICATE }

    /** Throws when the run must be retried (its message comes back). */
    public Outcome run(RunRequest r) {
        // Versions never change: one without a condition always takes "then", which the claim
        // records itself (no decision write for such runs, e.g. the default thank-you).
        Optional<Workflow> version = workflows.findVersion(r.clientId(), r.workflowId(), r.version());
        // Taken before the claim, so a run postponed for want of a slot leaves no lease behind.
        OutboundSlots.Slot slot = outbound != null && version.filter(WorkflowRunner::callsOut).isPresent()
                ? outbound.acquire(r.clientId(), r.runId(), clock.instant()) : null;
        try {
            return run(r, version);
        } finally {
            if (slot != null) {
                outbound.release(slot);
            }
        }
    }

    private Outcome run(RunRequest r, Optional<Workflow> version) {
        String knownBranch = version.filter(w -> w.condition() == null).map(w -> "then").orElse(null);
        RunStore.Claim claim = runs.claim(r, clock.instant(), knownBranch);
        RunStore.Run run;
        boolean abandoned = false;
        if (claim instanceof RunStore.Claim.Done) {
            LOG.info("workflow run already done", "clientId", r.clientId(), "workflowId", r.workflowId(), "runId", r.runId());
            return Outcome.DUPLICATE;
        } else if (claim instanceof RunStore.Claim.Busy busy) {
            // Back when the holder's lease ends: then it has finished, or it died and the run is resumed.
            throw new RetryLater("workflow run " + r.runId() + " is being run elsewhere",
                    Duration.between(clock.instant(), busy.leaseUntil()).plusSeconds(1));
        } else if (claim instanceof RunStore.Claim.Fresh f) {
            run = f.run();
        } else {
            RunStore.Claim.Resumed resumed = (RunStore.Claim.Resumed) claim;
            run = resumed.run();
            abandoned = resumed.abandoned();
        }

        // As the container last listed it (SiteCache): a workflow switched off a moment ago may still run once.
        Optional<Workflow> current = workflows.listed(r.clientId(), r.workflowId());
        if (current.isEmpty() || !current.get().enabled()) {
            return skip(r, "the workflow was deleted or switched off before it ran");
        }
        if (version.isEmpty()) {
            return skip(r, "version " + r.version() + " is not stored");
        }
        Workflow w = version.get();
        Subject subject;
        Order read = null;
        if (r.orderId() != null) {
            Optional<Order> order = orders.find(r.clientId(), r.orderId());
            if (order.isEmpty()) {
                return skip(r, "the order does not exist");
            }
            Order o = order.get();
            read = o;
            boolean first = o.buyerEmail() != null && customers.isFirstOrder(r.clientId(), o.buyerEmail(), o.orderId());
            subject = Subject.of(o, first);
        } else {
            subject = r.subject();
        }
        if (run.branch() == null) {
            ConditionEvaluator.Result result = ConditionEvaluator.evaluate(w.condition(), subject);
            run = runs.decide(r.clientId(), run, result.held() ? "then" : "otherwise", result.checks());
        }
        String siteName = sites.find(r.clientId()).map(Site::name).orElse("");
        List<Action> branch = w.branch(run.branch());
        RunStore.Run started = run;
        Subject about = subject;
        Order readOrder = read;
        boolean afterAbandoned = abandoned;
        RunStore.State end;
        try {
            end = new BranchRun(clock).run(branch, run.results(),
                    (i, a) -> perform(r, w, started, i, a, about, siteName, readOrder, afterAbandoned),
                    new BranchRun.Sink() {
                        @Override
                        public void recorded(int index, Map<String, Object> result) {
                            logFailure(r, w, started, result);
                            runs.recordAction(r.clientId(), started.runId(), index, result);
                        }

                        @Override
                        public void finished(int index, Map<String, Object> result, RunStore.State state, String note) {
                            if (result == null) {
                                runs.finish(r, state, note, clock.instant());
                            } else {
                                logFailure(r, w, started, result);
                                runs.finishWith(r, index, result, state, note, clock.instant());
                            }
                        }
                    });
        } catch (BranchRun.Retry retry) {
            throw (RuntimeException) retry.getCause();
        }
        if (end == RunStore.State.FAILED) {
            return Outcome.FAILED;
        }
        return done(r.clientId(), w, run, branch.size());
    }

    private static void logFailure(RunRequest r, Workflow w, RunStore.Run run, Map<String, Object> result) {
        if ("failed".equals(result.get("status"))) {
            LOG.warn("workflow action failed", "clientId", r.clientId(), "workflowId", w.id(), "runId", run.runId(),
                    "action", result.get("type"), "permanent", result.get("permanent"), "error", result.get("error"));
        }
    }

    /**
     * One action of the run. An e-mail whose earlier send has an unknown outcome is not sent again before SES's Send
     * event for it is recorded or the wait for it is over; a send that ends unknown now is recorded as such and the
     * run waits (neither done nor failed: SES may have taken it). So does an e-mail of a run whose
     * attempt before ended without recording anything ({@code abandoned}): that attempt may have
     * sent it and then failed to write so.
     */
    private String perform(RunRequest r, Workflow w, RunStore.Run run, int i, Action a, Subject subject, String siteName,
            Order read, boolean abandoned) {
        Map<String, String> sentBefore = UnknownSends.sentBefore(run, i);
        UnknownSends.Wait wait = UnknownSends.waitFor(run, i, sentBefore, clock.instant(), sendEventWait);
        if (wait != null) {
            // Another delivery of the message came before the wait was over: the run goes back to wait
            // (should that write fail, the run keeps its lease: the failure must not replace the unknown result).
            try {
                runs.finish(r, RunStore.State.RETRY, wait.note(), clock.instant());
            } catch (RuntimeException notRecorded) {
                throw new RetryLater("workflow run " + run.runId() + " waits for SES's Send event", wait.remaining());
            }
            throw new RetryLater("workflow run " + run.runId() + " waits for SES's Send event", wait.remaining());
        }
        String actionKey = run.runId() + "-" + run.branch() + "-" + i;
        if (abandoned && a.type().sendsMail() && !sentBefore.containsKey(MailTag.sendKey(run.runId(), actionKey, 0))) {
            throw waitForSendEvent(r, w, run, i, a, new SendOutcomeUnknown(
                    "the attempt before ended without recording this e-mail's outcome", MailTag.sendKey(run.runId(), actionKey, 0),
                    sentBefore));
        }
        ActionContext ctx = new ActionContext(w, r.trigger(), subject, siteName, run.runId(), actionKey, read, sentBefore);
        try {
            return actions.execute(ctx, a);
        } catch (SendOutcomeUnknown unknown) {
            throw waitForSendEvent(r, w, run, i, a, unknown);
        }
    }

    /**
     * Records the action's send as unknown and postpones the run until SES's Send event can have
     * come; a send SES is known to have taken (whose record only failed) is resumed at once.
     */
    private RetryLater waitForSendEvent(RunRequest r, Workflow w, RunStore.Run run, int i, Action a, SendOutcomeUnknown unknown) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("index", i);
        record.put("type", a.type().wire());
        record.put("at", clock.instant().toString());
        Map<String, Object> pending = UnknownSends.record(record, unknown, clock.instant());
        boolean known = unknown.sent().containsKey(unknown.pending());
        String note = known ? "e-mail sent; its record is retried"
                : "e-mail outcome unknown: waiting up to " + sendEventWait.toSeconds() + " s for SES's Send event";
        LOG.warn("workflow e-mail outcome unknown", "clientId", r.clientId(), "workflowId", w.id(), "runId", run.runId(),
                "action", a.type().wire(), "send", unknown.pending(), "why", unknown.getMessage());
        try {
            runs.finishWith(r, i, pending, RunStore.State.RETRY, note, clock.instant());
        } catch (RuntimeException notRecorded) {
            // Not a failure of the action: recorded as one, the retry would send at once. The run keeps
            // its lease instead, and the delivery after it finds the run abandoned and waits as above.
            LOG.warn("workflow e-mail outcome not recorded", "clientId", r.clientId(), "runId", run.runId(),
                    "error", notRecorded.getClass().getSimpleName());
            return new RetryLater("workflow run " + run.runId() + ": the e-mail's outcome was not recorded", sendEventWait);
        }
        return new RetryLater("workflow run " + run.runId() + ": " + note, known ? Duration.ofSeconds(1) : sendEventWait);
    }

    private Outcome done(String clientId, Workflow w, RunStore.Run run, int actions) {
        LOG.info("workflow run done", "clientId", clientId, "workflowId", w.id(),
                "version", w.version(), "runId", run.runId(), "branch", run.branch(), "actions", actions);
        return Outcome.SUCCEEDED;
    }

    private Outcome skip(RunRequest r, String why) {
        runs.finish(r, RunStore.State.SKIPPED, why, clock.instant());
        LOG.info("workflow run skipped", "clientId", r.clientId(), "workflowId", r.workflowId(), "runId", r.runId(), "why", why);
        return Outcome.SKIPPED;
    }
}
