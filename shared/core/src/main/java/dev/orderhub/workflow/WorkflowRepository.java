package dev.orderhub.workflow;

import java.util.List;
import java.util.Optional;

/**
 * A site's workflows: the current version of each (what runs) and every saved version, immutable,
 * so a run always finds the version it was dispatched with. A save moves the current version only
 * from the version it read, so two admins saving at once get one version each or a {@link Conflict},
 * never a lost edit. Ids: {@link WorkflowIds}.
 */
public interface WorkflowRepository extends SiteWorkflows {

    /** Another save of the same workflow won. */
    final class Conflict extends RuntimeException {
        Conflict(String id) {
            super("workflow " + id + " was saved by someone else meanwhile; read it again", null, false, false);
        }
    }

    /** Stores the workflow as version {@code w.version()} (1 for a new one), made from {@code readVersion} (0: new). */
    void save(String clientId, Workflow w, long readVersion, String by);

    @Override
    Optional<Workflow> find(String clientId, String id);

    /** A saved version; versions never change, so one found is remembered (through the cache, if any). */
    Optional<Workflow> findVersion(String clientId, String id, long version);

    /** The workflow as {@link #list} has it: through the cache, if any, so up to its ttl old. */
    Optional<Workflow> listed(String clientId, String id);

    @Override
    List<Workflow> list(String clientId);

    /** The site's switched-on workflows for a trigger (the dispatcher's question). */
    List<Workflow> enabledFor(String clientId, Trigger trigger);

    /**
     * Removes the current version; saved versions stay, so past runs still name what they ran. A
     * tombstone ({@code WFDEL#<id>}, written first) tells a deleted workflow from one whose save
     * stopped between its version and its current item ({@link #deleted}).
     */
    boolean delete(String clientId, String id);

    /** Whether the site deleted this workflow (see {@link #delete}). */
    boolean deleted(String clientId, String id);

    /**
     * Finishes a first save that stopped after its version was stored: the current item from that
     * version, unless there is one. False when another save got there first.
     */
    boolean completeFirstSave(String clientId, Workflow version);
}
