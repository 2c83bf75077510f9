package dev.orderhub.intent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReferencesTest {
    @Test
    void generatedReferencesHaveTheShortUnambiguousForm() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String r = References.generate();
            assertThat(r).matches("OH-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{2}");
            assertThat(References.normalize(r)).isEqualTo(r);
            seen.add(r);
        }
        assertThat(seen).as("30 bits: no repeats in 2000 draws, practically").hasSizeGreaterThan(1995);
    }

    @Test
    void aReferenceIsFoundHoweverTheBuyerTypedIt() {
        assertThat(References.findIn("Thanks! OH-7KQ2-M9")).containsExactly("OH-7KQ2-M9");
        assertThat(References.findIn("ref: oh-7kq2-m9 please")).containsExactly("OH-7KQ2-M9");
        assertThat(References.findIn("oh 7kq2 m9")).containsExactly("OH-7KQ2-M9");
        assertThat(References.findIn("OH7KQ2M9.")).containsExactly("OH-7KQ2-M9");
        assertThat(References.findIn("(OH - 7KQ2 - M9)")).containsExactly("OH-7KQ2-M9");
        assertThat(References.findIn("OH-7KQ2-M9 and again oh7kq2m9")).containsExactly("OH-7KQ2-M9");
        assertThat(References.findIn("OH-7KQ2-M9 or OH-ABCD-EF")).containsExactly("OH-7KQ2-M9", "OH-ABCD-EF");
    }

    @Test
    void lookAlikesAndLongerWordsAreNotReferences() {
        assertThat(References.findIn("OH-0KQ2-M9")).as("0 is not in the alphabet").isEmpty();
        assertThat(References.findIn("OH-1KQ2-M9")).isEmpty();
        assertThat(References.findIn("OH-7KQ2-M9X")).as("seven characters").isEmpty();
        assertThat(References.findIn("JOHN7KQ2M9")).as("inside a word").isEmpty();
        assertThat(References.findIn("OH-7KQ")).isEmpty();
        assertThat(References.findIn(null)).isEmpty();
        assertThat(References.normalize("hello")).isNull();
    }
}
