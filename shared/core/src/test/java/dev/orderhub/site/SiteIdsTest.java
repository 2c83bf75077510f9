package dev.orderhub.site;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SiteIdsTest {
    @Test
    void idsTheHubMakesAreWellFormed() {
        assertThat(SiteIds.wellFormed("site_" + "a1b2c3d4e5f6g7h8")).isTrue();
        assertThat(SiteIds.wellFormed("site_a")).isTrue();
        assertThat(SiteIds.wellFormed("site_" + "a".repeat(40))).isTrue();
    }

    @Test
    void anythingThatCouldNameAnotherItemOrBreakALineIsNot() {
        for (String id : new String[] {null, "", "site_", "site_A", "site_a#KEYS", "site_a\n", "SITE_a", " site_a",
                "site_a ", "site_\u0661", "site_" + "a".repeat(41), "key_abc", "site_a/../b"}) {
            assertThat(SiteIds.wellFormed(id)).as(String.valueOf(id)).isFalse();
        }
    }
}
