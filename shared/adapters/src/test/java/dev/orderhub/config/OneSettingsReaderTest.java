package dev.orderhub.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.testing.RepoRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A deployment's settings (and Lambda's own runtime variables) are read in one class: a second reader
 * would drift from "system property, else environment" (local mode sets properties, Lambda sets
 * variables) and a setting would work in one mode only. And only the composition root asks that
 * class for the process's configuration: library code gets its settings handed in from the one
 * configuration object, so that one JVM can run stacks with different settings.
 */
class OneSettingsReaderTest {
    private static final Pattern READ = Pattern.compile("System\\s*\\.\\s*(getenv|getProperty)\\s*\\(");
    private static final String ONLY_READER = "dev/orderhub/config/HubConfig.java";
    /** HubConfig's ways to the process's own settings, by name or by static import. */
    private static final Pattern PROCESS_READ = Pattern.compile(
            "\\bHubConfig\\s*(?:\\.|::)\\s*(fromEnvironment|setting|environment|invocationTraceHeader)\\b"
                    + "|import\\s+static\\s+dev\\.orderhub\\.config\\.HubConfig\\s*\\.\\s*(\\*)");
    /** Where each of those may be used: the composition root builds the configuration, the Lambda log entry reads the trace header. */
    private static final Map<String, String> ALLOWED_IN = Map.of(
            "fromEnvironment", "dev/orderhub/runtime/",
            "invocationTraceHeader", "dev/orderhub/log/LambdaLogContext.java");

    @Test
    void noDeployedCodeButHubConfigReadsTheEnvironmentOrSystemProperties() throws IOException {
        List<String> readers = new ArrayList<>();
        for (Path f : deployedSources()) {
            if (!unix(f).endsWith(ONLY_READER) && READ.matcher(Files.readString(f)).find()) {
                readers.add(root().relativize(f).toString());
            }
        }
        assertThat(readers).as("read settings through the configuration HubConfig builds").isEmpty();
    }

    @Test
    void libraryCodeGetsItsSettingsHandedInAndNeverReadsTheProcessConfigurationItself() throws IOException {
        List<String> reads = new ArrayList<>();
        for (Path f : deployedSources()) {
            String path = unix(f);
            if (path.endsWith(ONLY_READER)) {
                continue;
            }
            Matcher m = PROCESS_READ.matcher(withoutComments(Files.readString(f)));
            while (m.find()) {
                String what = m.group(1) != null ? m.group(1) : "*";
                String allowed = ALLOWED_IN.get(what);
                if (allowed == null || !path.contains(allowed)) {
                    reads.add(root().relativize(f) + ": " + m.group().replaceAll("\\s+", " "));
                }
            }
        }
        assertThat(reads).as("take the value from the HubConfig the composition root hands in").isEmpty();
    }

    private static List<Path> deployedSources() throws IOException {
        List<Path> sources = new ArrayList<>(RepoRoot.sharedSources());
        try (Stream<Path> functions = Files.list(root().resolve("functions"))) {
            functions.map(f -> f.resolve("src/main/java")).filter(Files::isDirectory).forEach(sources::add);
        }
        assertThat(sources).hasSizeGreaterThan(5);
        List<Path> files = new ArrayList<>();
        for (Path source : sources) {
            try (Stream<Path> walk = Files.walk(source)) {
                walk.filter(p -> p.toString().endsWith(".java")).forEach(files::add);
            }
        }
        return files;
    }

    private static Path root() {
        return RepoRoot.path();
    }

    private static String unix(Path f) {
        return f.toString().replace('\\', '/');
    }

    /** Comments may name a setting's reader; code may not call it. */
    static String withoutComments(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
    }
}
