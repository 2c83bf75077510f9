package dev.orderhub.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class SiteCacheTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final AtomicInteger reads = new AtomicInteger();
    private final SiteCache cache = new SiteCache(Duration.ofSeconds(10), now::get);

    private static final List<Map<String, AttributeValue>> A_SITE = List.of(Map.of("sk", AttributeValue.fromS("#SITE")));

    private Supplier<List<Map<String, AttributeValue>>> table(List<Map<String, AttributeValue>> items) {
        return () -> {
            reads.incrementAndGet();
            return items;
        };
    }

    private List<Map<String, AttributeValue>> read(String clientId, List<Map<String, AttributeValue>> inTable) {
        return cache.get(clientId, table(inTable), items -> !items.isEmpty());
    }

    @Test
    void aSiteIsReadOnceWithinTheTtlAndAgainAfterIt() {
        assertThat(read("site_a", A_SITE)).isEqualTo(A_SITE);
        now.addAndGet(Duration.ofSeconds(9).toNanos());
        assertThat(read("site_a", List.of())).as("still remembered").isEqualTo(A_SITE);
        assertThat(reads).hasValue(1);
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(read("site_a", List.of())).as("10 s later the table's answer").isEmpty();
        assertThat(reads).hasValue(2);
    }

    @Test
    void anUnknownSiteIsNeverRemembered() {
        assertThat(read("site_new", List.of())).isEmpty();
        assertThat(read("site_new", A_SITE)).as("created a moment later: seen at once").isEqualTo(A_SITE);
        assertThat(reads).hasValue(2);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void refusalsForceAtMostOneReadPerSecond() {
        read("site_a", A_SITE);
        assertThat(cache.forgetIfOlderThanASecond("site_a")).as("read a moment ago: already the table's answer").isFalse();
        now.addAndGet(Duration.ofMillis(999).toNanos());
        assertThat(cache.forgetIfOlderThanASecond("site_a")).isFalse();
        now.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(cache.forgetIfOlderThanASecond("site_a")).as("a second old").isTrue();
        read("site_a", A_SITE);
        for (int i = 0; i < 100; i++) {
            assertThat(cache.forgetIfOlderThanASecond("site_a")).isFalse();
            read("site_a", A_SITE);
        }
        assertThat(reads).hasValue(2);
        assertThat(cache.forgetIfOlderThanASecond("site_unknown")).as("nothing remembered: the last read was the table's").isFalse();
    }

    @Test
    void forgettingReadsAgain() {
        read("site_a", A_SITE);
        cache.forget("site_a");
        read("site_a", A_SITE);
        assertThat(reads).hasValue(2);
    }

    @Test
    void aSiteThatDisappearsIsDropped() {
        read("site_a", A_SITE);
        now.addAndGet(Duration.ofSeconds(11).toNanos());
        read("site_a", List.of());
        assertThat(cache.size()).isZero();
    }

    @Test
    void theNumberOfSitesKeptIsBoundedLeastRecentlyUsedFirstOut() {
        for (int i = 0; i <= SiteCache.MAX_ENTRIES; i++) {
            read("site_" + i, A_SITE);
        }
        assertThat(cache.size()).isEqualTo(SiteCache.MAX_ENTRIES);
        reads.set(0);
        read("site_" + SiteCache.MAX_ENTRIES, A_SITE);
        assertThat(reads).as("the newest is kept").hasValue(0);
        read("site_0", A_SITE);
        assertThat(reads).as("the oldest was dropped").hasValue(1);
    }

    @Test
    void theFreshReadsViewReadsEveryTimeAndItsWritesAreSeenByTheCachedReaders() {
        SiteCache admin = cache.freshReads();
        read("site_a", A_SITE);
        admin.get("site_a", table(A_SITE), items -> true);
        admin.get("site_a", table(A_SITE), items -> true);
        assertThat(reads).as("the view never answers from memory").hasValue(3);
        assertThat(admin.enabled()).isFalse();
        read("site_a", A_SITE);
        assertThat(reads).as("its reads did not replace the cached answer").hasValue(3);
        admin.forget("site_a"); // what a repository does when it writes
        read("site_a", A_SITE);
        assertThat(reads).as("a write through the view is seen at once").hasValue(4);
    }

    @Test
    void aZeroTtlReadsEveryTime() {
        SiteCache off = new SiteCache(Duration.ZERO, now::get);
        off.get("site_a", table(A_SITE), items -> true);
        off.get("site_a", table(A_SITE), items -> true);
        assertThat(reads).hasValue(2);
        assertThat(off.enabled()).isFalse();
    }
}
