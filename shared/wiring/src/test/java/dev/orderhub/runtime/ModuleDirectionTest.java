package dev.orderhub.runtime;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.orderhub.testing.RepoRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The direction of shared/'s modules (docs/architecture.md): wiring → engine, providers, adapters → core;
 * providers → adapters; engine → core only. The compiler refuses a class that uses a module its pom does not
 * depend on, so the direction lives in the poms; this test keeps the poms to it, and keeps the two modules that
 * hold the domain and the use cases free of what the compiler would let through from the JDK (network and files).
 */
class ModuleDirectionTest {
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "core", Set.of(),
            "engine", Set.of("core"),
            "adapters", Set.of("core"),
            "providers", Set.of("core", "adapters"),
            "wiring", Set.of("core", "engine", "adapters", "providers"));
    private static final Pattern OWN = Pattern.compile(
            "<dependency>\\s*<groupId>dev\\.orderhub</groupId>\\s*<artifactId>orderhub-([a-z-]+)</artifactId>(.*?)</dependency>",
            Pattern.DOTALL);

    @Test
    void eachModuleDependsOnlyOnTheModulesTheDirectionAllows() throws IOException {
        Map<String, Set<String>> declared = declared();
        assertThat(declared.keySet()).as("shared's modules").isEqualTo(ALLOWED.keySet());
        declared.forEach((module, uses) -> assertThat(uses).as("main dependencies of shared/" + module)
                .isSubsetOf(ALLOWED.get(module)));
    }

    @Test
    void theDomainAndTheUseCasesDoNoNetworkOrFileIo() {
        JavaClasses inner = new ClassFileImporter().importPaths(classes("core"), classes("engine"));
        assertThat(inner.size()).as("classes of core and engine").isGreaterThan(100);
        noClasses().should().dependOnClassesThat().resideInAnyPackage("java.net.http..", "java.nio.file..",
                        "javax.net..", "software.amazon..", "com.amazonaws..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.Socket")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.InetAddress")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.URL")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.HttpURLConnection")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.File")
                .because("the domain and the use cases reach the world only through core's ports")
                .check(inner);
    }

    /** Each module's non-test dependencies on the project's own artifacts, read from its pom. */
    static Map<String, Set<String>> declared() throws IOException {
        Map<String, Set<String>> out = new TreeMap<>();
        for (String module : ALLOWED.keySet()) {
            String pom = Files.readString(RepoRoot.path().resolve("shared").resolve(module).resolve("pom.xml"));
            Set<String> uses = new TreeSet<>();
            Matcher m = OWN.matcher(pom.replaceAll("(?s)<parent>.*?</parent>", ""));
            while (m.find()) {
                if (!m.group(2).contains("<scope>test</scope>")) {
                    uses.add(m.group(1));
                }
            }
            out.put(module, uses);
        }
        return out;
    }

    private static Path classes(String module) {
        return RepoRoot.path().resolve("shared").resolve(module).resolve("target/classes");
    }
}
