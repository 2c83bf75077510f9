package dev.orderhub.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The `./orderhub` script itself, run as a developer runs it. Its PATH holds only the few tools a
 * shell script needs (no java, mvn, node): a command that tried to build or start anything would
 * fail with "'mvn' is required".
 */
class OrderhubScriptTest {
    @TempDir
    static Path bin;

    private record Run(int exit, String stdout, String stderr) {}

    private static Run run(String... args) throws IOException, InterruptedException {
        for (String tool : List.of("bash", "sed", "dirname", "cat", "env")) {
            Path link = bin.resolve(tool);
            if (!Files.exists(link)) {
                Path real = List.of(Path.of("/usr/bin", tool), Path.of("/bin", tool)).stream().filter(Files::isExecutable)
                        .findFirst().orElseThrow();
                Files.createSymbolicLink(link, real);
            }
        }
        List<String> command = new java.util.ArrayList<>(List.of(bin.resolve("bash").toString(),
                LocalHub.findRoot().resolve("orderhub").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("PATH", bin.toString());
        Path out = Files.createTempFile(bin, "out", ".txt");
        Path err = Files.createTempFile(bin, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("finished").isTrue();
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void withNoArgumentPrintsHelpAndExitsZeroWithoutBuilding() throws Exception {
        Run r = run();
        assertThat(r.stderr()).doesNotContain("is required").doesNotContain("building");
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("./orderhub local").contains("./orderhub invoke").contains("./orderhub sign")
                .contains("Requirements");
    }

    @Test
    void helpFlagPrintsHelpAndAnUnknownCommandIsAnErrorNamingIt() throws Exception {
        assertThat(run("--help").exit()).isZero();
        assertThat(run("help").stdout()).contains("./orderhub local");
        Run unknown = run("lcoal");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.stderr()).contains("unknown command 'lcoal'").contains("./orderhub local");
    }

    @Test
    void theRequirementsSectionTheScriptPointsToExists() throws IOException {
        String script = Files.readString(LocalHub.findRoot().resolve("orderhub"));
        assertThat(script).contains("README, 'Requirements'");
        assertThat(Files.readString(LocalHub.findRoot().resolve("README.md"))).containsPattern("(?m)^#+ Requirements$");
    }
}
