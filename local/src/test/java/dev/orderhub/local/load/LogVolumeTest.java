package dev.orderhub.local.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.log.JsonLog;
import dev.orderhub.log.Metrics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the load and costs commands count of the hub's log lines: what CloudWatch Logs and metrics would bill. */
class LogVolumeTest {
    @Test
    void countsEveryLineAndItsBytesAndTheDistinctMetricsOfTheMetricLinesFromManyThreads() throws Exception {
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        PrintStream before = JsonLog.redirect(new PrintStream(written, true, StandardCharsets.UTF_8));
        try {
            LogVolume volume = LogVolume.count();
            try (volume) {
                List<Thread> threads = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int n = t;
                    threads.add(new Thread(() -> {
                        for (int i = 0; i < 50; i++) {
                            JsonLog.get(LogVolumeTest.class).info("order updated", "orderId", "o" + n + "_" + i);
                            Metrics.count("EventApplied", n % 2 == 0 ? "kofi" : "stripe", "site_" + n);
                        }
                    }));
                }
                threads.forEach(Thread::start);
                for (Thread t : threads) {
                    t.join();
                }
            }
            String text = written.toString(StandardCharsets.UTF_8);
            long lines = text.chars().filter(c -> c == '\n').count();
            assertThat(volume.bytes()).isEqualTo(written.size());
            assertThat(volume.lines()).isEqualTo(lines).isEqualTo(400);
            assertThat(volume.metricLines()).isEqualTo(200);
            // [] and [provider] dimension sets: the no-dimension metric and one per provider, whatever the site.
            assertThat(volume.metrics()).hasSize(3);
            assertThat(volume.metricsWithSiteDimension()).hasSize(3 + 4);
        } finally {
            JsonLog.redirect(before);
        }
    }
}
