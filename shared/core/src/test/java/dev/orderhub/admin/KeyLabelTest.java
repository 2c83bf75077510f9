package dev.orderhub.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyLabelTest {
    @Test
    void aPersonsNameInAnyScriptIsALabel() {
        assertThat(KeyLabel.problem("김민지")).isEmpty();
        assertThat(KeyLabel.problem("Zoë O'Brien <shop@example.com>")).isEmpty();
        assertThat(KeyLabel.problem("  padded  ")).isEmpty();
        assertThat(KeyLabel.problem("😀".repeat(80))).as("80 characters, not 80 UTF-16 units").isEmpty();
    }

    @Test
    void textThatCouldReadDifferentlyOrBreakALineIsRefused() {
        assertThat(KeyLabel.problem("evil\u202Egnp.exe")).as("bidi override").isPresent();
        assertThat(KeyLabel.problem("zero\u200Bwidth")).isPresent();
        assertThat(KeyLabel.problem("a\nb")).isPresent();
        assertThat(KeyLabel.problem("a\u2028b")).isPresent();
        assertThat(KeyLabel.problem("a\u0000b")).isPresent();
        assertThat(KeyLabel.problem("x".repeat(81))).isPresent();
        assertThat(KeyLabel.problem(" ")).isPresent();
        assertThat(KeyLabel.problem(null)).isPresent();
    }
}
