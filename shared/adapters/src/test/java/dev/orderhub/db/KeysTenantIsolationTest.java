package dev.orderhub.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderhub.order.DynamoOrderRepository;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * A site's items are found by keys that start with its client id: no client id, whatever it contains, may make
 * the key of another site's item. A hostile caller who got an id with a separator past a check must hit a refusal.
 */
class KeysTenantIsolationTest {
    @Provide
    Arbitrary<String> ids() {
        return Arbitraries.strings().withChars("ab#").ofMinLength(0).ofMaxLength(5);
    }

    @Property(tries = 2000)
    void twoSitesNeverShareAnOrderKey(@ForAll("ids") String siteA, @ForAll("ids") String orderA,
            @ForAll("ids") String siteB, @ForAll("ids") String orderB) {
        if (siteA.equals(siteB)) {
            return;
        }
        String a = keyOrRefused(siteA, orderA);
        String b = keyOrRefused(siteB, orderB);
        if (a != null && b != null) {
            assertThat(a).as("site " + siteA + " order " + orderA + " vs site " + siteB + " order " + orderB).isNotEqualTo(b);
        }
    }

    private static String keyOrRefused(String clientId, String orderId) {
        try {
            return Keys.order(clientId, orderId);
        } catch (IllegalArgumentException refused) {
            return null;
        }
    }

    @Test
    void everyKeyThatNamesASiteRefusesAClientIdThatCouldNameAnother() {
        List<Method> naming = Arrays.stream(Keys.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers())
                        && m.getReturnType() == String.class)
                .filter(m -> Arrays.stream(m.getParameters()).anyMatch(p -> p.getName().equals("clientId")))
                .toList();
        assertThat(naming).as("compiled with -parameters").hasSizeGreaterThan(15);
        for (Method m : naming) {
            for (String hostile : new String[] {"site_a#KEYS", "site_a#", "#", "", null}) {
                assertThatThrownBy(() -> call(m, hostile)).as(m.getName() + "(" + hostile + ")")
                        .isInstanceOf(IllegalArgumentException.class);
            }
            assertThat(call(m, "site_a")).as(m.getName()).contains("site_a");
        }
    }

    @Test
    void isClientIdAgreesWithTheGuard() {
        for (String hostile : new String[] {"site_a#KEYS", "#", "", null}) {
            assertThat(Keys.isClientId(hostile)).as(hostile).isFalse();
        }
        assertThat(Keys.isClientId("site_a")).isTrue();
    }

    @Test
    void theOrdersRepositoryBuildsItsKeysThroughTheGuard() {
        assertThatThrownBy(() -> DynamoOrderRepository.orderPk("site_a#x", "y")).isInstanceOf(IllegalArgumentException.class);
    }

    private static String call(Method m, String clientId) {
        Object[] args = new Object[m.getParameterCount()];
        Parameter[] ps = m.getParameters();
        for (int i = 0; i < ps.length; i++) {
            Class<?> t = ps[i].getType();
            args[i] = ps[i].getName().equals("clientId") ? clientId
                    : t == String.class ? "x" : t == Instant.class ? Instant.EPOCH : t == long.class ? 1L : t == int.class ? 1 : null;
        }
        try {
            return (String) m.invoke(null, args);
        } catch (InvocationTargetException e) {
            throw (RuntimeException) e.getCause();
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }
}
