package dev.orderhub.local;

import dev.orderhub.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where the stack of a running `./orderhub local` is (its process id and the functions'
 * configuration: stand-in endpoints, table, queues), so that `./orderhub reconcile` from another
 * shell can run against it. Holds no secret: the stand-ins accept any credentials.
 */
final class RunningStack {
    private RunningStack() {}

    static Path file(Path root) {
        return root.resolve("local/target/orderhub-local.json");
    }

    static void write(LocalHub hub) throws IOException {
        Map<String, Object> state = new HashMap<>();
        state.put("pid", ProcessHandle.current().pid());
        state.put("environment", hub.environment());
        Files.createDirectories(file(hub.root()).getParent());
        Files.writeString(file(hub.root()), Json.write(state));
    }

    static void delete(Path root) {
        try {
            Files.deleteIfExists(file(root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The running stack's configuration, if a `start` process that wrote it is still alive. */
    static Optional<Map<String, String>> read(Path root) throws IOException {
        Path f = file(root);
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        var state = Json.parse(Files.readString(f));
        boolean alive = ProcessHandle.of(state.path("pid").asLong()).map(ProcessHandle::isAlive).orElse(false);
        if (!alive) {
            return Optional.empty();
        }
        Map<String, String> env = new HashMap<>();
        state.path("environment").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        return Optional.of(env);
    }
}
