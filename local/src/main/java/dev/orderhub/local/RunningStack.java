package dev.orderhub.local;

import dev.orderhub.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the stack of a running `./orderhub local` is (its process id and the functions'
 * configuration: stand-in endpoints, table, queues), so that `./orderhub reconcile` from another
 * shell can run against it. One file per gateway port, so that two stacks started from one
 * checkout keep theirs. Holds no secret: the stand-ins accept any credentials.
 */
final class RunningStack {
    private static final String PREFIX = "orderhub-local-";

    private RunningStack() {}

    static Path file(Path root, int port) {
        return root.resolve("local/target/" + PREFIX + port + ".json");
    }

    static Path write(LocalHub hub) throws IOException {
        Map<String, Object> state = new HashMap<>();
        state.put("pid", ProcessHandle.current().pid());
        state.put("port", hub.port());
        state.put("environment", hub.environment());
        Path f = file(hub.root(), hub.port());
        Files.createDirectories(f.getParent());
        Files.writeString(f, Json.write(state));
        return f;
    }

    /** Deletes this process's own file only: a later stack on the same port may have written its own meanwhile. */
    static void delete(Path root, int port) {
        try {
            Path f = file(root, port);
            if (Files.exists(f) && Json.parse(Files.readString(f)).path("pid").asLong() == ProcessHandle.current().pid()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The configuration of the running stack on {@code port} (null: the only one running), if a `start`
     * process that wrote it is still alive.
     *
     * @throws IllegalStateException when no port is given and several stacks are running
     */
    static Optional<Map<String, String>> read(Path root, Integer port) throws IOException {
        List<Map<String, String>> alive = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        for (Path f : files(root)) {
            var state = Json.parse(Files.readString(f));
            boolean running = ProcessHandle.of(state.path("pid").asLong()).map(ProcessHandle::isAlive).orElse(false);
            if (running && (port == null || port == state.path("port").asInt())) {
                Map<String, String> env = new HashMap<>();
                state.path("environment").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
                alive.add(env);
                ports.add(state.path("port").asInt());
            }
        }
        if (alive.size() > 1) {
            throw new IllegalStateException("local stacks are running on ports " + ports + ": say which with --port N");
        }
        return alive.stream().findFirst();
    }

    private static List<Path> files(Path root) throws IOException {
        Path dir = root.resolve("local/target");
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, PREFIX + "*.json")) {
            s.forEach(out::add);
        }
        return out;
    }
}
