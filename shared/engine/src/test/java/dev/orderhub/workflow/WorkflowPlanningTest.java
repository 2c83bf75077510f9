package dev.orderhub.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.json.Json;
import dev.orderhub.site.AutoReply;
import dev.orderhub.site.ProviderConfig;
import dev.orderhub.site.ProviderConfigs;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * Which runs a fired trigger plans, over workflows in memory: exactly the switched-on workflows
 * of the order's own site for that trigger. The attacker is another tenant whose workflows (even
 * under the same ids, even one named like the default thank-you) must never run on this site's orders.
 */
class WorkflowPlanningTest {
    static final String SITE = "site_a";
    static final String OTHER = "site_b";
    static final String ORDER = "order-1";
    static final List<Trigger> TRIGGERS = List.of(Trigger.ORDER_PAID, Trigger.ORDER_CREATED, Trigger.ORDER_REFUNDED);
    static final List<String> IDS = List.of("wf0", "wf1", ThankYouWorkflow.ID);

    final InMemoryWorkflows workflows = new InMemoryWorkflows();
    final RecordingRunQueue queue = new RecordingRunQueue();

    static ProviderConfigs autoReply(boolean on) {
        return (clientId, provider) -> Optional.of(new ProviderConfig(provider, null, null,
                on ? new AutoReply(true, "shop@a.example", "Thanks", "Thanks {{buyerName}}") : AutoReply.OFF));
    }

    WorkflowDispatcher planner(ProviderConfigs configs) {
        return new WorkflowDispatcher(workflows, configs, queue);
    }

    static Workflow tagging(String id, Trigger trigger, boolean enabled, long version) {
        return WorkflowParser.stored(Json.parse("{\"name\": \"n\", \"enabled\": " + enabled + ", \"trigger\": \""
                + trigger.wire() + "\", \"actions\": [{\"type\": \"add_order_tag\", \"tag\": \"t\"}]}"), id, version,
                "2026-03-01T10:00:00Z");
    }

    static Workflow thankYou() {
        return WorkflowParser.stored(ThankYouWorkflow.definition(), ThankYouWorkflow.ID, 1, "2026-03-01T10:00:00Z");
    }

    static List<Triggers.Fired> fired(Trigger... triggers) {
        List<Triggers.Fired> out = new ArrayList<>();
        for (int i = 0; i < triggers.length; i++) {
            out.add(new Triggers.Fired(triggers[i], "evt-" + i));
        }
        return out;
    }

    /** One stored workflow: its site (0: the order's, 1: the attacker's), id, trigger and switch. */
    record Spec(int site, int id, int trigger, boolean enabled) {}

    @Provide
    Arbitrary<List<Spec>> specs() {
        return Combinators.combine(Arbitraries.integers().between(0, 1), Arbitraries.integers().between(0, IDS.size() - 1),
                Arbitraries.integers().between(0, TRIGGERS.size() - 1), Arbitraries.of(true, false))
                .as(Spec::new).list().ofMaxSize(8);
    }

    @Property(tries = 300)
    void aFiredTriggerPlansExactlyTheSitesSwitchedOnWorkflowsForIt(@ForAll("specs") List<Spec> stored,
            @ForAll @Size(max = 3) List<@net.jqwik.api.constraints.IntRange(max = 2) Integer> firedTriggers) {
        InMemoryWorkflows store = new InMemoryWorkflows();
        long version = 1;
        for (Spec s : stored) {
            store.put(s.site() == 0 ? SITE : OTHER, tagging(IDS.get(s.id()), TRIGGERS.get(s.trigger()), s.enabled(), version++));
        }
        List<Triggers.Fired> fired = fired(firedTriggers.stream().map(TRIGGERS::get).toArray(Trigger[]::new));
        RecordingRunQueue runs = new RecordingRunQueue();

        List<RunRequest> planned = new WorkflowDispatcher(store, autoReply(true), runs).runsFor(SITE, ORDER, "kofi", fired,
                null);

        List<RunRequest> expected = new ArrayList<>();
        for (Triggers.Fired f : fired) {
            for (Workflow w : store.list(SITE)) {
                if (w.enabled() && w.trigger() == f.trigger()) {
                    expected.add(new RunRequest(SITE, w.id(), w.version(), f.trigger().wire(), f.eventId(), ORDER, null));
                }
            }
        }
        assertThat(planned).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(planned).allSatisfy(r -> assertThat(store.find(SITE, r.workflowId())).as("a workflow of the order's site")
                .hasValueSatisfying(w -> assertThat(w.version()).isEqualTo(r.version())));
        assertThat(runs.queued).as("planning queues nothing").isEmpty();
    }

    @Test
    void anotherTenantsWorkflowUnderTheSameIdNeverRunsOnThisSitesOrder() {
        workflows.put(OTHER, tagging("wf0", Trigger.ORDER_PAID, true, 7));
        workflows.put(OTHER, tagging(ThankYouWorkflow.ID, Trigger.ORDER_PAID, true, 9));
        workflows.put(SITE, tagging("wf0", Trigger.ORDER_PAID, false, 3));

        assertThat(planner(autoReply(true)).runsFor(SITE, ORDER, "kofi", fired(Trigger.ORDER_PAID), null)).isEmpty();
    }

    @Test
    void aSwitchedOffOrDeletedWorkflowIsNotPlanned() {
        workflows.put(SITE, tagging("wf0", Trigger.ORDER_PAID, false, 2));
        workflows.put(SITE, tagging("wf1", Trigger.ORDER_PAID, true, 1));
        workflows.put(SITE, thankYou());
        workflows.remember(SITE);
        workflows.delete(SITE, "wf1");
        workflows.delete(SITE, ThankYouWorkflow.ID);

        assertThat(planner(autoReply(true)).runsFor(SITE, ORDER, "kofi", fired(Trigger.ORDER_PAID), null)).isEmpty();
    }

    @Test
    void theDefaultThankYouInstalledAfterTheListWasReadIsPlannedFromAReadAlone() {
        workflows.remember(SITE); // the container's list, read before another container installed the workflow
        workflows.put(SITE, thankYou());

        List<RunRequest> runs = planner(autoReply(true)).runsFor(SITE, ORDER, "kofi", fired(Trigger.ORDER_PAID), null);

        assertThat(runs).containsExactly(new RunRequest(SITE, ThankYouWorkflow.ID, 1, "order.paid", "evt-0", ORDER, null));
        assertThat(queue.queued).isEmpty();
    }

    @Test
    void noThankYouIsPlannedOrInstalledForASiteWithoutOne() {
        List<RunRequest> runs = planner(autoReply(true)).runsFor(SITE, ORDER, "kofi", fired(Trigger.ORDER_PAID), null);

        assertThat(runs).isEmpty();
        assertThat(workflows.find(SITE, ThankYouWorkflow.ID)).as("planning installs nothing").isEmpty();
    }

    @Test
    void theThankYouIsNotPlannedForAProviderWhoseAutoReplyIsOff() {
        workflows.put(SITE, thankYou());

        assertThat(planner(autoReply(false)).runsFor(SITE, ORDER, "kofi", fired(Trigger.ORDER_PAID), null)).isEmpty();
        assertThat(planner(autoReply(true)).runsFor(SITE, ORDER, "kofi", fired(Trigger.ORDER_PAID), null))
                .extracting(RunRequest::workflowId).containsExactly(ThankYouWorkflow.ID);
    }

    @Test
    void sendingHandsThePlannedRunsToTheQueue() {
        workflows.put(SITE, tagging("wf0", Trigger.ORDER_CREATED, true, 1));
        WorkflowDispatcher planner = planner(autoReply(true));

        planner.send(planner.runsFor(SITE, ORDER, "kofi", fired(Trigger.ORDER_CREATED), null));

        assertThat(queue.queued).containsExactly(new RunRequest(SITE, "wf0", 1, "order.created", "evt-0", ORDER, null));
    }
}
