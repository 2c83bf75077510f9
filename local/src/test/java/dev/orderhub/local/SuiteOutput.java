package dev.orderhub.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.orderhub.log.JsonLog;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Everything the hub says during the whole test JVM, for {@link WholeSuiteSecretsScanIT}: every
 * log line (JsonLog and EMF metrics, which go through it) and every HTTP response body a function
 * returns through local mode (API Gateway routes, whoever called them: tests, load runs, the admin
 * page test). Kept in files under target/, not in memory: a suite logs megabytes.
 */
final class SuiteOutput {
    static final Path DIR = Path.of(System.getProperty("orderhub.root", ".."), "local", "target", "suite-output");
    static final Path LOG = DIR.resolve("log.jsonl");
    static final Path RESPONSES = DIR.resolve("responses.txt");
    private static PrintStream responses;

    private SuiteOutput() {}

    /** Once per test JVM, when the local stack starts. */
    static synchronized void record(LocalHub hub) {
        if (responses != null) {
            return;
        }
        try {
            Files.createDirectories(DIR);
            OutputStream logFile = Files.newOutputStream(LOG, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
            responses = new PrintStream(Files.newOutputStream(RESPONSES, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING), true, StandardCharsets.UTF_8);
            PrintStream[] before = new PrintStream[1];
            PrintStream tee = new PrintStream(new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    logFile.write(b);
                    before[0].write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    logFile.write(b, off, len);
                    before[0].write(b, off, len);
                }

                @Override
                public void flush() throws IOException {
                    logFile.flush();
                    before[0].flush();
                }
            }, true, StandardCharsets.UTF_8);
            before[0] = JsonLog.redirect(tee);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        hub.functions().addListener((id, event, response, nanos) -> {
            if (response instanceof APIGatewayV2HTTPResponse r && r.getBody() != null) {
                synchronized (SuiteOutput.class) {
                    // One response per line: the body's own line breaks are escaped, so a line is one response.
                    responses.println(id + " " + r.getStatusCode() + " " + r.getBody().replace("\\", "\\\\").replace("\n", "\\n"));
                }
            }
        });
    }
}
