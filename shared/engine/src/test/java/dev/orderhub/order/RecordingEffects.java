package dev.orderhub.order;

import dev.orderhub.workflow.RunRequest;
import dev.orderhub.workflow.Trigger;
import dev.orderhub.workflow.Triggers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The commit's effects in memory: one switched-on workflow listening to every order trigger, runs
 * recorded as the runner keys them (a run queued again is the same run), and intents claimed with
 * the table's conditions ({@link dev.orderhub.intent.IntentRepository#claim}).
 */
final class RecordingEffects implements OrderCommit.Effects {
    /** Distinct (trigger, key) runs queued: what the runner runs once each. */
    final Set<Triggers.Fired> runs = new HashSet<>();
    int announced;
    /** The send of the runs this cause's write fired fails once (the process stops after the write, before queuing). */
    volatile String failSendOf;
    /** intentId to its claim (orderId, order version), absent while open. */
    final Map<String, Claim> claims = new HashMap<>();

    record Claim(String orderId, long version) {}

    @Override
    public List<RunRequest> runsFor(Order order, List<Triggers.Fired> fired) {
        List<RunRequest> out = new ArrayList<>();
        for (Triggers.Fired f : fired) {
            out.add(new RunRequest(order.clientId(), "wf_all", 1, f.trigger().wire(), f.eventId(), order.orderId(), null));
        }
        return out;
    }

    @Override
    public synchronized void send(List<RunRequest> sent) {
        if (failSendOf != null && sent.stream().anyMatch(r -> failSendOf.equals(r.triggerEventId()))) {
            failSendOf = null;
            throw new IllegalStateException("the process stopped before queuing");
        }
        sent.forEach(r -> runs.add(new Triggers.Fired(Trigger.fromWire(r.trigger()), r.triggerEventId())));
    }

    @Override
    public synchronized void announce(Order order) {
        announced++;
    }

    synchronized boolean claim(String intentId, String orderId, long version) {
        Claim c = claims.get(intentId);
        if (c == null || (c.orderId().equals(orderId) && c.version() <= version)) {
            claims.put(intentId, new Claim(orderId, version));
            return true;
        }
        return false;
    }

    @Override
    public synchronized void releaseClaim(String clientId, String intentId, String orderId, long readVersion) {
        Claim c = claims.get(intentId);
        if (c != null && c.orderId().equals(orderId) && c.version() == readVersion) {
            claims.remove(intentId);
        }
    }

    synchronized Map<Trigger, Long> counts() {
        Map<Trigger, Long> out = new HashMap<>();
        runs.forEach(f -> out.merge(f.trigger(), 1L, Long::sum));
        return out;
    }
}
