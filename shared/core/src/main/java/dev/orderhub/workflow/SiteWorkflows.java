package dev.orderhub.workflow;

import java.util.List;
import java.util.Optional;

/**
 * A site's workflows, as planning the runs of fired triggers reads them: only reads, and only of
 * the site named, so one tenant's workflow is never planned for another tenant's order.
 * Implemented by {@link WorkflowRepository}.
 */
public interface SiteWorkflows {
    /** The site's current workflows (a deleted one is not among them). */
    List<Workflow> list(String clientId);

    /** The current version of one workflow of the site. */
    Optional<Workflow> find(String clientId, String id);
}
