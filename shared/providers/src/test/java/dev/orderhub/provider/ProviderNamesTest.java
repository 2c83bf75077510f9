package dev.orderhub.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.testing.RepoRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What {@link ProviderBoundaryTest} cannot see in class files: a provider's id spelled as text
 * ({@code "stripe".equals(provider)}, a {@code switch} case) or one of its constants, which the
 * compiler copies into the class that uses it. Outside a provider's package and the registry, no
 * main source spells a provider id as a whole string or imports a provider's package. The callback
 * function modules are the exception: each names the one provider it serves.
 */
class ProviderNamesTest {
    private static final Path ROOT = RepoRoot.path();

    @Test
    void noSourceOutsideTheProvidersSpellsTheirIds() throws IOException {
        String ids = String.join("|", Providers.REGISTRY.ids());
        Pattern named = Pattern.compile("\"(" + ids + ")\"|import dev\\.orderhub\\.provider\\.(" + ids + ")\\.");
        List<Path> roots = new ArrayList<>(RepoRoot.sharedSources());
        try (Stream<Path> modules = Files.list(ROOT.resolve("functions"))) {
            modules.filter(m -> !m.getFileName().toString().endsWith("-callback"))
                    .map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).forEach(roots::add);
        }
        Pattern exempt = Pattern.compile(".*/dev/orderhub/provider/((" + ids + ")/.*|Providers\\.java)");
        List<String> found = new ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(f -> f.toString().endsWith(".java"))
                        .filter(f -> !exempt.matcher(f.toString().replace('\\', '/')).matches())
                        .forEach(f -> lines(f, named, found));
            }
        }
        assertThat(roots).hasSizeGreaterThan(5);
        assertThat(found).as("provider ids outside the provider packages and the registry").isEmpty();
    }

    private static void lines(Path file, Pattern named, List<String> found) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).trim();
                boolean comment = line.startsWith("*") || line.startsWith("//") || line.startsWith("/*");
                if (!comment && named.matcher(line).find()) {
                    found.add(ROOT.relativize(file) + ":" + (i + 1) + ": " + line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
