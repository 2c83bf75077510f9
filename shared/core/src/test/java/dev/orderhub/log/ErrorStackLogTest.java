package dev.orderhub.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An error line says where it failed and why, in a bounded number of frames, without the causes' messages. */
class ErrorStackLogTest {
    private static final JsonLog LOG = JsonLog.get(ErrorStackLogTest.class);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream before;

    @BeforeEach
    void capture() {
        before = JsonLog.redirect(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        JsonLog.redirect(before);
    }

    private JsonNode logged(Throwable t) {
        LOG.error("failed", t, "orderId", "o1");
        return Json.parse(out.toString(StandardCharsets.UTF_8).trim());
    }

    private static RuntimeException deep(int depth, Throwable cause) {
        if (depth == 0) {
            return new IllegalStateException("top failure", cause);
        }
        return deep(depth - 1, cause);
    }

    private static IOException deepCause(int depth) {
        if (depth == 0) {
            return new IOException("Connection reset; token=sk_live_should_not_be_logged");
        }
        return deepCause(depth - 1);
    }

    private static List<String> stack(JsonNode line) {
        List<String> out = new ArrayList<>();
        line.path("stack").forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void aDeepErrorIsLoggedWithAtMostTwentyFramesAndItsCauseChain() {
        JsonNode line = logged(deep(300, new UncheckedIOException("io", deepCause(200))));
        List<String> stack = stack(line);
        assertThat(stack.stream().filter(s -> s.startsWith("at "))).hasSizeLessThanOrEqualTo(20).isNotEmpty();
        assertThat(stack.get(0)).startsWith("at dev.orderhub.log.ErrorStackLogTest.deep(ErrorStackLogTest.java:");
        assertThat(stack).contains("caused by java.io.UncheckedIOException", "caused by java.io.IOException");
        // The cause's own frames are there too: where the I/O failed, not only where it was wrapped.
        int io = stack.indexOf("caused by java.io.IOException");
        assertThat(stack.subList(io + 1, stack.size())).anyMatch(s -> s.startsWith("at dev.orderhub.log.ErrorStackLogTest.deepCause("));
        assertThat(line.path("error").asText()).isEqualTo("java.lang.IllegalStateException: top failure");
        assertThat(line.toString()).doesNotContain("sk_live_should_not_be_logged").doesNotContain("Connection reset");
        assertThat(line.toString().length()).isLessThan(4000);
    }

    @Test
    void aCauseCycleEnds() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new IllegalArgumentException("b", a);
        a.initCause(b);
        List<String> stack = stack(logged(a));
        assertThat(stack).containsOnlyOnce("caused by java.lang.IllegalArgumentException");
        assertThat(stack.size()).isLessThanOrEqualTo(25);
    }
}
