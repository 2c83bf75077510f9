package dev.orderhub.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.testing.RepoRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A deployment's settings (and Lambda's own runtime variables) are read in one class: a second reader
 * would drift from "system property, else environment" (local mode sets properties, Lambda sets
 * variables) and a setting would work in one mode only.
 */
class OneSettingsReaderTest {
    private static final Pattern READ = Pattern.compile("System\\s*\\.\\s*(getenv|getProperty)\\s*\\(");
    private static final String ONLY_READER = "dev/orderhub/config/HubConfig.java";

    @Test
    void noDeployedCodeButHubConfigReadsTheEnvironmentOrSystemProperties() throws IOException {
        Path root = RepoRoot.path();
        List<Path> sources = new ArrayList<>(RepoRoot.sharedSources());
        try (Stream<Path> functions = Files.list(root.resolve("functions"))) {
            functions.map(f -> f.resolve("src/main/java")).filter(Files::isDirectory).forEach(sources::add);
        }
        List<String> readers = new ArrayList<>();
        for (Path source : sources) {
            try (Stream<Path> files = Files.walk(source)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    if (!f.toString().replace('\\', '/').endsWith(ONLY_READER)
                            && READ.matcher(Files.readString(f)).find()) {
                        readers.add(root.relativize(f).toString());
                    }
                }
            }
        }
        assertThat(sources).hasSizeGreaterThan(5);
        assertThat(readers).as("read settings through HubConfig.setting (or HubConfig's Lambda runtime readers)").isEmpty();
    }
}
