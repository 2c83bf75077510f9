package dev.orderhub.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every test class of the repository runs in exactly one tier (docs/testing.md), chosen by the end of its name,
 * because that is all surefire and failsafe look at: a class whose name matches no tier's pattern compiles and
 * then never runs, silently. Unit tier (surefire, every module): {@code *Test}; flow tier (failsafe, module
 * local): {@code *IT}, in a package per flow; proof tier (failsafe, module local): {@code *Proof}, in package
 * {@code proof}. A unit test of module local starts no stack (it would make the unit tier slow and depend on the
 * stand-ins): a test that needs {@link TestHub} is a flow test.
 */
class TierAssignmentTest {
    /** What makes a class a test class for JUnit 5 and jqwik. */
    private static final Pattern TEST_ANNOTATION = Pattern.compile(
            "(?m)^\\s*@(Test|ParameterizedTest|RepeatedTest|TestFactory|TestTemplate|Property|Example)\\b");
    /** Surefire's default includes (less *IT and *Proof, which the parent pom excludes from surefire). */
    private static final Pattern UNIT = Pattern.compile("Test\\w*|\\w*(Test|Tests|TestCase)");
    /** What starts (or needs) the local stack or the stand-ins; TestHub.await only polls. */
    private static final Pattern STACK = Pattern.compile(
            "\\bTestHub\\.(?!await\\b)\\w+|\\b(StandInsTarget|LocalHub|TestTargets)\\.start\\b|\\b(SignedPayments|SiteWithIntents|SeededOrders)\\b");

    @Test
    void everyTestClassOfTheRepositoryBelongsToATier() throws IOException {
        List<String> misplaced = new ArrayList<>();
        for (Path file : testSources()) {
            String source = Files.readString(file, StandardCharsets.UTF_8);
            if (!TEST_ANNOTATION.matcher(source).find()) {
                continue; // a helper
            }
            String name = file.getFileName().toString().replace(".java", "");
            String where = root().relativize(file).toString();
            String tierError = tierError(where, name, source);
            if (tierError != null) {
                misplaced.add(where + ": " + tierError);
            }
        }
        assertThat(misplaced).as("test classes that no tier runs, or that run in the wrong one (docs/testing.md, Tiers)")
                .isEmpty();
    }

    @Test
    void theCheckRefusesATestClassThatMatchesNoTier() {
        String test = "@Test void x() {}";
        assertThat(tierError("local/src/test/java/dev/orderhub/local/orders/PaidOrderIntegration.java",
                "PaidOrderIntegration", test)).contains("no tier");
        assertThat(tierError("local/src/test/java/dev/orderhub/local/orders/PaidOrderSpec.java", "PaidOrderSpec", test))
                .contains("no tier");
        assertThat(tierError("shared/src/test/java/dev/orderhub/order/OrderIT.java", "OrderIT", test)).contains("no tier");
        assertThat(tierError("local/src/test/java/dev/orderhub/local/OrderTest.java", "OrderTest",
                test + " TestHub.get();")).contains("flow test");
        assertThat(tierError("local/src/test/java/dev/orderhub/local/OrderTest.java", "OrderTest",
                test + " String s = \"TestHub.get();\";")).isNull();
        assertThat(tierError("local/src/test/java/dev/orderhub/local/orders/LoadProof.java", "LoadProof", test))
                .contains("package proof");
        assertThat(tierError("local/src/test/java/dev/orderhub/local/orders/PaidOrderIT.java", "PaidOrderIT", test)).isNull();
        assertThat(tierError("local/src/test/java/dev/orderhub/local/proof/LoadProof.java", "LoadProof", test)).isNull();
        assertThat(tierError("shared/src/test/java/dev/orderhub/order/OrderTest.java", "OrderTest", test)).isNull();
    }

    @Test
    void failsafeRunsTheFlowAndProofTiersByTheseNames() throws IOException {
        String pom = Files.readString(root().resolve("local/pom.xml"), StandardCharsets.UTF_8);
        assertThat(pom).contains("<include>**/*IT.java</include>", "<include>**/*Proof.java</include>");
    }

    /** Why the class runs in no tier or the wrong one; null when it is in its place. */
    static String tierError(String where, String name, String source) {
        boolean local = where.startsWith("local/");
        String pkg = where.replace('\\', '/');
        boolean inProofPackage = pkg.contains("/dev/orderhub/local/proof/");
        if (local && name.endsWith("IT")) {
            return inProofPackage ? "a flow test (*IT) in package proof: name it *Proof" : null;
        }
        if (local && name.endsWith("Proof")) {
            return inProofPackage ? null : "a proof (*Proof) outside package proof: move it there";
        }
        if (UNIT.matcher(name).matches() && !name.endsWith("IT") && !name.endsWith("Proof")) {
            if (local && STACK.matcher(code(source)).find()) {
                return "a unit test (*Test) that uses the local stack: a flow test, name it *IT in a flow's package";
            }
            return inProofPackage ? "a unit test (*Test) in package proof: name it *Proof" : null;
        }
        return "in no tier: name it *Test (unit)" + (local ? ", *IT (flow) or *Proof (proof)" : "; *IT and *Proof run only in module local");
    }

    /** The source without its string literals (this class's own examples would match). */
    private static String code(String source) {
        return source.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"");
    }

    private static List<Path> testSources() throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.find(root(), 5, (p, a) -> a.isDirectory() && p.endsWith(Path.of("src", "test", "java"))
                && !p.toString().contains("node_modules"))) {
            for (Path dir : dirs.toList()) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.filter(f -> f.toString().endsWith(".java")).forEach(out::add);
                }
            }
        }
        assertThat(out).as("test sources found").hasSizeGreaterThan(100);
        return out;
    }

    private static Path root() {
        return LocalHub.findRoot();
    }
}
