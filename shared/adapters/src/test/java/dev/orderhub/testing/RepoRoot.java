package dev.orderhub.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The checkout's root (the folder holding template.yaml) and its main source folders, found from wherever a test
 * runs: tests that read the docs or scan the sources must not depend on how deep their module sits.
 */
public final class RepoRoot {
    private RepoRoot() {}

    public static Path path() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.exists(d.resolve("template.yaml"))) {
                return d;
            }
        }
        throw new IllegalStateException("template.yaml not found above " + Path.of("").toAbsolutePath());
    }

    /** Every shared module's main sources (shared/src/main/java, or shared/<module>/src/main/java). */
    public static List<Path> sharedSources() {
        Path shared = path().resolve("shared");
        try (Stream<Path> dirs = Files.walk(shared, 2)) {
            return dirs.map(d -> d.resolve("src/main/java")).filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
