package dev.orderhub.matching;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.intent.InMemoryIntents;
import dev.orderhub.intent.Intent;
import dev.orderhub.order.Order;
import dev.orderhub.site.SiteSettings;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Orders racing for the intents their payments name: any order may decide in the middle of
 * another's, between its read of the open intents and its claim (nested, as two matcher
 * containers would). Whatever the interleaving, no intent is ever tied to two orders, every intent
 * some order names ends tied to exactly one of them, and an order that lost the race waits for
 * review instead of being matched to an intent it did not get.
 */
class IntentMatcherRacePropertyTest {
    static final List<String> REFERENCES = List.of("OH-7KQ2-M9", "OH-3JX8-P4");

    @Property(tries = 300)
    void noIntentIsEverTiedToTwoOrders(@ForAll @IntRange(min = 2, max = 4) int orderCount,
            @ForAll @IntRange(min = 1, max = 2) int intentCount,
            @ForAll @Size(max = 8) List<@IntRange(min = 0, max = 3) Integer> cutIns) {
        InMemoryIntents intents = new InMemoryIntents();
        for (int i = 0; i < intentCount; i++) {
            intents.add(IntentMatcherTest.jos("in_" + i, REFERENCES.get(i)));
        }
        IntentMatcher matcher = new IntentMatcher(null, intents, c -> Optional.of(SiteSettings.DEFAULTS), IntentMatcherTest.CLOCK);
        List<Order> orders = new java.util.ArrayList<>();
        for (int k = 0; k < orderCount; k++) {
            orders.add(IntentMatcherTest.order("o" + k, "jo@example.com", 500, "USD",
                    "for " + REFERENCES.get(k % intentCount), false));
        }
        Map<String, Order> decided = new HashMap<>();
        Set<Integer> started = new HashSet<>();
        Deque<Integer> pending = new ArrayDeque<>(cutIns);
        Runnable[] decide = new Runnable[orderCount];
        for (int k = 0; k < orderCount; k++) {
            int index = k;
            decide[k] = () -> {
                if (started.add(index)) {
                    decided.put(orders.get(index).orderId(), matcher.decide(orders.get(index)));
                }
            };
        }
        // Just before any claim, the next order of the schedule (if not begun) decides first, all through.
        intents.beforeClaim = () -> {
            if (!pending.isEmpty()) {
                int next = pending.poll() % orderCount;
                decide[next].run();
            }
        };
        for (Runnable d : decide) {
            d.run();
        }

        assertThat(decided).hasSize(orderCount);
        Map<String, List<String>> takers = new HashMap<>();
        decided.values().forEach(o -> {
            if (o.match().matched()) {
                takers.computeIfAbsent(o.match().intentId(), i -> new java.util.ArrayList<>()).add(o.orderId());
            } else {
                assertThat(o.match().review()).as(o.orderId()).isEqualTo(dev.orderhub.order.OrderMatch.Review.NEEDED);
            }
        });
        for (int i = 0; i < Math.min(intentCount, orderCount); i++) {
            String id = "in_" + i;
            assertThat(takers.get(id)).as("orders tied to " + id + ", each order's match: " + takers).hasSize(1);
            Intent stored = intents.stored(IntentMatcherTest.SITE, id);
            assertThat(stored.state()).isEqualTo(Intent.State.MATCHED);
            assertThat(stored.orderId()).isEqualTo(takers.get(id).get(0));
        }
    }
}
