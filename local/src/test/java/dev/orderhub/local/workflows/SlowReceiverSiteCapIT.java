package dev.orderhub.local.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.orderhub.batch.RetryLater;
import dev.orderhub.local.LocalHub;
import dev.orderhub.local.TestHub;
import dev.orderhub.workflow.DynamoOutboundSlots;
import dev.orderhub.workflow.OutboundSlots;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A site whose receiver hangs queues many runs that call out: at most its cap of them run at once,
 * across every runner (the slots are in the table); the next is postponed, and another site's
 * runs still find their slots.
 */
class SlowReceiverSiteCapIT {
    @Test
    void oneSiteHoldsAtMostItsCapOfRunnersAndOtherSitesAreNotHeld() {
        LocalHub hub = TestHub.get();
        OutboundSlots slots = new DynamoOutboundSlots(hub.dynamoDb(), hub.tableName("HubTable"), 2, Duration.ofSeconds(60),
                Duration.ofSeconds(30));
        String slow = "site_slow_" + UUID.randomUUID().toString().substring(0, 8);
        String other = "site_other_" + UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now();

        OutboundSlots.Slot first = slots.acquire(slow, "run_1", now);
        slots.acquire(slow, "run_2", now);
        RetryLater third = catchThrowableOfType(RetryLater.class, () -> slots.acquire(slow, "run_3", now));
        assertThat(third.after()).isEqualTo(Duration.ofSeconds(30));
        assertThat(slots.acquire(other, "run_b", now)).as("another site is not held").isNotNull();
        // The same run, delivered again while it holds its slot, keeps it.
        assertThat(slots.acquire(slow, "run_1", now).index()).isEqualTo(first.index());

        slots.release(first);
        assertThat(slots.acquire(slow, "run_3", now)).as("a freed slot is taken").isNotNull();
        // A runner that died holds its slot only until its lease ends.
        assertThat(slots.acquire(slow, "run_4", now.plusSeconds(61))).isNotNull();
    }
}
