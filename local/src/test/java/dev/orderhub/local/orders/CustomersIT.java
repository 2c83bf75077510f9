package dev.orderhub.local.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.customer.Customers;
import dev.orderhub.local.TestHub;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The buyer's history the risk analysis reads, against the DynamoDB stand-in: one write per order
 * records both the first order and the velocity window, a repeat changes nothing, and a new
 * window starts counting afresh.
 */
class CustomersIT {
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    @Test
    void firstOrderAndOrdersInTheWindowFromOneItem() {
        TestHub.get();
        Customers customers = TestHub.stack().customers();
        String site = "site_cust" + Long.toString(System.nanoTime(), 36);
        String email = "Repeat@Example.com";

        assertThat(customers.recordOrder(site, email, "o1", 24, T0)).isEqualTo(new Customers.OrderFacts(true, 1));
        assertThat(customers.recordOrder(site, email, "o1", 24, T0.plusSeconds(60)))
                .as("the same order again (a retried event)").isEqualTo(new Customers.OrderFacts(true, 1));
        assertThat(customers.recordOrder(site, email.toLowerCase(), "o2", 24, T0.plusSeconds(120)))
                .isEqualTo(new Customers.OrderFacts(false, 2));
        assertThat(customers.isFirstOrder(site, email, "o1")).isTrue();

        assertThat(customers.recordOrder(site, email, "o3", 24, T0.plus(Duration.ofHours(30))))
                .as("the next day's window counts from one").isEqualTo(new Customers.OrderFacts(false, 1));
        assertThat(customers.recordOrder(site, email, "o4", 1, T0.plus(Duration.ofHours(30))))
                .as("another window length starts afresh too").isEqualTo(new Customers.OrderFacts(false, 1));
    }
}
