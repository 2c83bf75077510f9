package dev.orderhub.local.proof;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.local.TestHub;
import dev.orderhub.local.load.LoadResult;
import dev.orderhub.local.load.LoadRun;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The long commands (load, fault, costs) tell how far they are while they run, not only in their report. */
class LoadProgressProof {
    @Test
    void aLoadRunPrintsCountsWhileItRunsAndStopsAfterwards() throws Exception {
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(lines, true, StandardCharsets.UTF_8);
        LoadResult result = new LoadRun(TestHub.get(), LoadRun.Options.of(60)).printingProgress(out, Duration.ofMillis(100)).run();
        assertThat(result.ok()).isTrue();
        String printed = lines.toString(StandardCharsets.UTF_8);
        assertThat(printed).containsPattern("load: \\d+ s, sent \\d+/60, accepted \\d+, applied \\d+, 5xx \\d+, timeouts \\d+");
        int size = printed.length();
        Thread.sleep(400);
        assertThat(lines.toString(StandardCharsets.UTF_8)).as("no line after the run").hasSize(size);
    }
}
