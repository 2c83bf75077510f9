package dev.orderhub.workflow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderhub.json.Json;
import dev.orderhub.log.JsonLog;
import dev.orderhub.site.AutoReply;
import dev.orderhub.site.ProviderConfig;
import dev.orderhub.site.ProviderConfigs;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The default "thank-you" workflow, the per-provider auto-reply to the buyer: the one way the hub e-mails a
 * buyer without a person asking. On {@code order.paid} it runs {@code auto_reply}, which sends what
 * the order's provider's config says ({@link AutoReply}: on or off, sender, subject and body, still
 * edited through the provider config of the admin API), so the settings stay per provider and one
 * workflow serves every provider of the site.
 *
 * <p>Installed when a site is created through the admin API, and for any other site (created
 * before this workflow existed) by the operator's one-off migration ({@link DefaultWorkflowMigration}),
 * never while an order is written: a payment's write path only reads workflows. Installing is a
 * conditional put of version 1, so running it again installs nothing; a site that deleted the
 * workflow or switched it off keeps it so (its first version stays stored, the delete leaves a
 * tombstone, and installing never overwrites).
 *
 * <p>A run of this workflow could do nothing for an order whose provider has its auto-reply off,
 * so it is not queued for one ({@link #wanted}); that keeps providers without an auto-reply free of
 * workflow runs.
 */
public final class ThankYouWorkflow {
    private static final JsonLog LOG = JsonLog.get(ThankYouWorkflow.class);
    public static final String ID = WorkflowIds.DEFAULT;

    private final WorkflowRepository workflows;
    private final Clock clock;

    public ThankYouWorkflow(WorkflowRepository workflows, Clock clock) {
        this.workflows = workflows;
        this.clock = clock;
    }

    public static ObjectNode definition() {
        ObjectNode w = Json.object();
        w.put("name", "Thank-you e-mail (auto-reply)");
        w.put("enabled", true);
        w.put("trigger", Trigger.ORDER_PAID.wire());
        w.putArray("actions").addObject().put("type", ActionType.AUTO_REPLY.wire());
        w.putArray("otherwise");
        return w;
    }

    /** Installs the workflow unless the site has, or ever had, it; returns it when installed now. */
    public Optional<Workflow> install(String clientId) {
        Optional<Workflow> first = workflows.findVersion(clientId, ID, 1);
        if (first.isPresent()) {
            // Installed before: still there, deleted by the site, or stopped between the version and
            // the current item (a store outage mid-install), which is finished now.
            if (workflows.find(clientId, ID).isPresent() || workflows.deleted(clientId, ID)
                    || !workflows.completeFirstSave(clientId, first.get())) {
                return Optional.empty();
            }
            LOG.info("default workflow install finished", "clientId", clientId, "workflowId", ID);
            return first;
        }
        Workflow w = WorkflowParser.stored(definition(), ID, 1, clock.instant().toString());
        try {
            workflows.save(clientId, w, 0, "hub");
        } catch (WorkflowRepository.Conflict installedMeanwhile) {
            return Optional.empty();
        }
        LOG.info("default workflow installed", "clientId", clientId, "workflowId", ID);
        return Optional.of(w);
    }

    /**
     * The site's workflows with the default one as stored now, when the list (remembered by this
     * container, SiteCache) was read before it was installed: a read, never an install.
     */
    static List<Workflow> withStored(SiteWorkflows workflows, String clientId, List<Workflow> all) {
        if (all.stream().anyMatch(w -> ID.equals(w.id()))) {
            return all;
        }
        return workflows.find(clientId, ID).map(w -> {
            List<Workflow> more = new ArrayList<>(all);
            more.add(w);
            return List.copyOf(more);
        }).orElse(all);
    }

    /**
     * Whether a run of {@code w} for an order of {@code provider} could do anything: false only for
     * a workflow whose every action is auto_reply while that provider's auto-reply is off.
     */
    static boolean wanted(ProviderConfigs sites, Workflow w, String clientId, String provider) {
        boolean onlyAutoReply = Stream.concat(w.actions().stream(), w.otherwise().stream())
                .allMatch(a -> a.type() == ActionType.AUTO_REPLY);
        return !onlyAutoReply || provider == null || autoReplyOn(sites, clientId, provider);
    }

    /** The provider's auto-reply is switched on and has a sender. */
    public static boolean autoReplyOn(ProviderConfigs sites, String clientId, String provider) {
        AutoReply r = sites.findConfig(clientId, provider).map(ProviderConfig::autoReply).orElse(AutoReply.OFF);
        return r.enabled() && r.from() != null;
    }
}
