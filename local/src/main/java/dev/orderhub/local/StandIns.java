package dev.orderhub.local;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/**
 * The real-protocol stand-ins for AWS on this machine: dynalite for DynamoDB and
 * aws-ses-v2-local for SES (npm packages, run as child processes), and ElasticMQ for SQS
 * (embedded). Each listens on loopback on a free port unless one is given.
 */
public final class StandIns implements AutoCloseable {
    private final List<Process> processes = new ArrayList<>();
    private SQSRestServer sqsServer;
    private URI dynamoDb;
    private URI sqs;
    private URI ses;

    private StandIns() {}

    /** The stand-ins' ports; 0 picks a free one (`./orderhub local --dynamodb-port N --sqs-port N --ses-port N`). */
    public record Ports(int dynamoDb, int sqs, int ses) {
        public static final Ports ANY = new Ports(0, 0, 0);
    }

    public static StandIns start(Path root) throws IOException {
        return start(root, Ports.ANY);
    }

    public static StandIns start(Path root, Ports ports) throws IOException {
        StandIns s = new StandIns();
        try {
            Path bin = root.resolve("node_modules/.bin");
            if (!Files.isExecutable(bin.resolve("dynalite")) || !Files.isExecutable(bin.resolve("aws-ses-v2-local"))) {
                throw new IOException("stand-ins not installed: run `npm ci` in " + root);
            }
            int dynamoPort = ports.dynamoDb() > 0 ? ports.dynamoDb() : freePort();
            s.spawn(root, bin.resolve("dynalite").toString(), "--host", "127.0.0.1", "--port", String.valueOf(dynamoPort),
                    "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0");
            s.dynamoDb = URI.create("http://127.0.0.1:" + dynamoPort);

            int sesPort = ports.ses() > 0 ? ports.ses() : freePort();
            s.spawn(root, bin.resolve("aws-ses-v2-local").toString(), "--host", "127.0.0.1", "--port", String.valueOf(sesPort));
            s.ses = URI.create("http://127.0.0.1:" + sesPort);

            int sqsPort = ports.sqs() > 0 ? ports.sqs() : freePort();
            s.sqsServer = SQSRestServerBuilder.withPort(sqsPort).withInterface("localhost").start();
            s.sqsServer.waitUntilStarted();
            s.sqs = URI.create("http://localhost:" + sqsPort);

            waitForPort(dynamoPort, "dynalite");
            waitForPort(sesPort, "aws-ses-v2-local");
            Runtime.getRuntime().addShutdownHook(new Thread(s::close));
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    public URI dynamoDb() {
        return dynamoDb;
    }

    public URI sqs() {
        return sqs;
    }

    public URI ses() {
        return ses;
    }

    /** The stand-ins that fault injection can freeze: two child processes and the embedded SQS. */
    public enum Child { DYNAMODB, SES, SQS }

    /**
     * Freezes (SIGSTOP) or thaws (SIGCONT) a stand-in with everything it spawned: its port stays
     * open and accepts connections, but nothing is answered, as with a stalled dependency. Its
     * data survives, which a restart of dynalite (in memory) would not.
     */
    public void freeze(Child child, boolean frozen) throws IOException, InterruptedException {
        if (child == Child.SQS) { // in this JVM: the hub's requests fail instead (SqsOutage)
            SqsOutage.set(frozen);
            return;
        }
        Process p = processes.get(child.ordinal());
        List<String> cmd = new ArrayList<>(List.of("kill", frozen ? "-STOP" : "-CONT", String.valueOf(p.pid())));
        p.descendants().forEach(d -> cmd.add(String.valueOf(d.pid())));
        int rc = new ProcessBuilder(cmd).inheritIO().start().waitFor();
        if (rc != 0) {
            throw new IOException(String.join(" ", cmd) + " failed with " + rc);
        }
    }

    private void spawn(Path root, String... command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile(root)));
        processes.add(pb.start());
    }

    private static File logFile(Path root) throws IOException {
        Path dir = root.resolve("target");
        Files.createDirectories(dir);
        return dir.resolve("standins.log").toFile();
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void waitForPort(int port, String what) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for " + what);
                }
            }
        }
        throw new IOException(what + " did not start listening on port " + port + " within 30 s (see target/standins.log)");
    }

    private static void signal(String signal, long pid) {
        try {
            new ProcessBuilder("kill", signal, String.valueOf(pid)).start().waitFor();
        } catch (IOException e) {
            // the process is gone already
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void close() {
        for (Process p : processes) {
            p.descendants().forEach(d -> {
                d.destroy();
                signal("-CONT", d.pid()); // a frozen process cannot act on SIGTERM
            });
            p.destroy();
            signal("-CONT", p.pid());
        }
        processes.clear();
        if (sqsServer != null) {
            sqsServer.stopAndWait();
            sqsServer = null;
        }
    }
}
