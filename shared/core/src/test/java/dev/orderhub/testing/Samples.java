package dev.orderhub.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The providers' documented sample payloads under src/test/resources/samples (sources in SOURCES.md). */
public final class Samples {
    private Samples() {}

    public static String read(String path) {
        try (InputStream in = Samples.class.getResourceAsStream("/samples/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
