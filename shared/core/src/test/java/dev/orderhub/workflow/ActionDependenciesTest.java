package dev.orderhub.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.json.Json;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActionDependenciesTest {
    private static List<Action> branch(ActionType... types) {
        return Arrays.stream(types).map(t -> new Action(t, Json.object())).toList();
    }

    @Test
    void nothingButAnotherPaymentActionOrAStatusChangeDependsOnACancel() {
        List<Action> cancelHighRisk = branch(ActionType.CANCEL_PAYMENT, ActionType.ADD_ORDER_TAG, ActionType.ADD_CUSTOMER_TAG,
                ActionType.EMAIL_STAFF, ActionType.WEBHOOK, ActionType.MARK_FOR_REVIEW, ActionType.SET_STATUS,
                ActionType.CAPTURE_PAYMENT);
        for (int i = 1; i <= 5; i++) {
            assertThat(ActionDependencies.of(cancelHighRisk, i)).as(cancelHighRisk.get(i).type().wire()).isEmpty();
        }
        assertThat(ActionDependencies.of(cancelHighRisk, 6)).as("set_status").containsExactly(0);
        assertThat(ActionDependencies.of(cancelHighRisk, 7)).as("capture after cancel").containsExactly(0);
    }

    @Test
    void aPaymentActionDependsOnEveryEarlierPaymentActionAndNothingDependsOnLaterOnes() {
        List<Action> b = branch(ActionType.ADD_ORDER_TAG, ActionType.CAPTURE_PAYMENT, ActionType.EMAIL_STAFF,
                ActionType.CANCEL_PAYMENT, ActionType.SET_STATUS);
        assertThat(ActionDependencies.of(b, 0)).isEmpty();
        assertThat(ActionDependencies.of(b, 1)).as("the first payment action").isEmpty();
        assertThat(ActionDependencies.of(b, 3)).containsExactly(1);
        assertThat(ActionDependencies.of(b, 4)).containsExactly(1, 3);
    }
}
