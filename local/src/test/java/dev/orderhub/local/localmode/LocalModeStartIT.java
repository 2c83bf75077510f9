package dev.orderhub.local.localmode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.json.Json;
import dev.orderhub.local.LocalHub;
import dev.orderhub.local.LocalMode;
import dev.orderhub.local.StandIns;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * `./orderhub local` as a script sees it: two stacks started from one checkout, each in its own JVM
 * with a STRIPE_API_BASE in its environment, each printing where everything is.
 */
class LocalModeStartIT {
    private final List<Process> started = new ArrayList<>();

    private record Stack(Process process, JsonNode ready, List<String> banner) {}

    private Stack start(String stripeApiBase, String... flags) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorderhub.root=" + LocalHub.findRoot(), "-cp", System.getProperty("java.class.path"),
                LocalMode.class.getName(), "start", "--port", "0"));
        cmd.addAll(List.of(flags));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("STRIPE_API_BASE", stripeApiBase);
        Process p = pb.start();
        started.add(p);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        List<String> banner = new ArrayList<>();
        String ready = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith("READY ")) {
                        return line.substring("READY ".length());
                    }
                    banner.add(line);
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        }).get(120, TimeUnit.SECONDS);
        assertThat(ready).as("READY line; banner: " + banner).isNotNull();
        return new Stack(p, Json.parse(ready), banner);
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (Process p : started) {
            p.destroy();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static boolean listening(String url) {
        URI u = URI.create(url);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(u.getHost(), u.getPort()), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void twoStacksFromOneCheckoutEachSayWhereEverythingIsAndKeepTheirOwnStateFile() throws Exception {
        Stack a = start("http://127.0.0.1:9/stripe-a");
        Stack b = start("http://127.0.0.1:9/stripe-b");
        for (Stack s : List.of(a, b)) {
            JsonNode r = s.ready();
            for (String field : List.of("baseUrl", "adminUrl", "liveStatusUrl", "mailUrl", "sesWebUrl", "stateFile")) {
                assertThat(r.path(field).asText()).as(field + " in " + r).isNotEmpty();
            }
            assertThat(r.get("liveStatusUrl").asText()).startsWith("ws://");
            JsonNode endpoints = r.get("endpoints");
            for (String name : List.of("AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL_SQS", "AWS_ENDPOINT_URL_SES")) {
                String url = endpoints.path(name).asText();
                assertThat(listening(url)).as(name + "=" + url).isTrue();
                assertThat(s.banner()).as("the banner's export line").contains("  export " + name + "=" + url);
            }
            assertThat(r.get("tableName").asText()).isNotEmpty();
            assertThat(r.get("queues").size()).isPositive();
            assertThat(Files.exists(Path.of(r.get("stateFile").asText()))).isTrue();
        }
        assertThat(a.ready().get("stateFile").asText()).isNotEqualTo(b.ready().get("stateFile").asText());
        // The environment wins over the template's default (https://api.stripe.com), for each stack its own.
        JsonNode stateA = Json.parse(Files.readString(Path.of(a.ready().get("stateFile").asText())));
        assertThat(stateA.get("environment").get("STRIPE_API_BASE").asText()).isEqualTo("http://127.0.0.1:9/stripe-a");
        JsonNode stateB = Json.parse(Files.readString(Path.of(b.ready().get("stateFile").asText())));
        assertThat(stateB.get("environment").get("STRIPE_API_BASE").asText()).isEqualTo("http://127.0.0.1:9/stripe-b");

        b.process().destroy();
        assertThat(b.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(Path.of(b.ready().get("stateFile").asText())).doesNotExist();
        assertThat(Path.of(a.ready().get("stateFile").asText())).as("the first stack's file survives the second's exit").exists();
    }

    @Test
    void standInPortsCanBeFixed() throws Exception {
        int dynamo = StandIns.freePort();
        int sqs = StandIns.freePort();
        int ses = StandIns.freePort();
        Stack s = start("http://127.0.0.1:9/stripe", "--dynamodb-port", String.valueOf(dynamo), "--sqs-port", String.valueOf(sqs),
                "--ses-port", String.valueOf(ses));
        JsonNode endpoints = s.ready().get("endpoints");
        assertThat(URI.create(endpoints.get("AWS_ENDPOINT_URL_DYNAMODB").asText()).getPort()).isEqualTo(dynamo);
        assertThat(URI.create(endpoints.get("AWS_ENDPOINT_URL_SQS").asText()).getPort()).isEqualTo(sqs);
        assertThat(URI.create(endpoints.get("AWS_ENDPOINT_URL_SES").asText()).getPort()).isEqualTo(ses);
    }
}
