package dev.orderhub.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A caller's field named like one of the line's own fields (a risk level logged as "level", a
 * buyer's text as "message") must not replace it: operators filter on level and message, and a
 * line that says {@code "level":"high"} would slip past a filter on ERROR or WARN.
 */
class LogFieldOverwriteTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private static final JsonLog LOG = JsonLog.get(LogFieldOverwriteTest.class);

    @BeforeEach
    void capture() {
        JsonLog.redirect(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        JsonLog.redirect(System.out);
    }

    private JsonNode line() {
        return Json.parse(out.toString(StandardCharsets.UTF_8).trim());
    }

    @Test
    void callerFieldsNamedLikeTheReservedOnesKeepTheLineIntactAndTheirValue() {
        LOG.warn("order risk analyzed", "level", "high", "ts", "1970-01-01T00:00:00Z", "message", "ignore me",
                "logger", "SomethingElse", "orderId", "or_1");
        JsonNode line = line();
        assertThat(line.get("level").asText()).isEqualTo("WARN");
        assertThat(line.get("message").asText()).isEqualTo("order risk analyzed");
        assertThat(line.get("logger").asText()).isEqualTo("LogFieldOverwriteTest");
        assertThat(Instant.parse(line.get("ts").asText())).isAfter(Instant.parse("2020-01-01T00:00:00Z"));
        assertThat(line.get("caller_level").asText()).isEqualTo("high");
        assertThat(line.get("caller_ts").asText()).isEqualTo("1970-01-01T00:00:00Z");
        assertThat(line.get("caller_message").asText()).isEqualTo("ignore me");
        assertThat(line.get("caller_logger").asText()).isEqualTo("SomethingElse");
        assertThat(line.get("orderId").asText()).isEqualTo("or_1");
    }

    @Test
    void aNumericOrBooleanValueCannotReplaceTheLevelEither() {
        LOG.info("x", "level", 5, "message", true);
        JsonNode line = line();
        assertThat(line.get("level").asText()).isEqualTo("INFO");
        assertThat(line.get("message").asText()).isEqualTo("x");
        assertThat(line.get("caller_level").asLong()).isEqualTo(5);
        assertThat(line.get("caller_message").asBoolean()).isTrue();
    }

    @Test
    void theExceptionKeepsItsErrorFieldAndTheCallersIsRenamed() {
        LOG.error("write failed", new IllegalStateException("boom"), "error", "CONFLICT");
        JsonNode line = line();
        assertThat(line.get("level").asText()).isEqualTo("ERROR");
        assertThat(line.get("error").asText()).isEqualTo("java.lang.IllegalStateException: boom");
        assertThat(line.get("caller_error").asText()).isEqualTo("CONFLICT");
    }

    @Test
    void withoutAnExceptionTheCallersErrorFieldIsItsOwn() {
        LOG.warn("priming failed", "error", "SdkClientException");
        assertThat(line().get("error").asText()).isEqualTo("SdkClientException");
    }
}
