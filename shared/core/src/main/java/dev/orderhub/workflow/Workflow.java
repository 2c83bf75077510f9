package dev.orderhub.workflow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A site's automation, Shopify Flow style: when {@code trigger} fires for an order, if
 * {@code condition} holds run {@code actions} in order, otherwise run {@code otherwise}.
 *
 * @param condition null: always holds
 * @param version every save makes a new version; a run records the version it ran
 * @param definition the validated definition as stored (what the admin API returns)
 */
public record Workflow(
        String id,
        String name,
        boolean enabled,
        Trigger trigger,
        Condition condition,
        List<Action> actions,
        List<Action> otherwise,
        long version,
        String updatedAt,
        ObjectNode definition) {

    public Workflow {
        actions = List.copyOf(actions);
        otherwise = List.copyOf(otherwise);
    }

    /** The actions of one branch: "then" or "otherwise". */
    public List<Action> branch(String branch) {
        return "then".equals(branch) ? actions : otherwise;
    }
}
