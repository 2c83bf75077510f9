package dev.orderhub.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Code, comments, test names and the repository's docs say their reason themselves: a citation of a document a
 * reader of the repository does not have ("seed 000", "issue 7", "stop 23", a planning file such as MISSION.md)
 * tells that reader nothing and goes stale silently. A file name ending in {@code .md} must name a file of the
 * repository (a web address may name any page).
 */
class OutsideDocumentCitationTest {
    /** Numbered items of planning documents and trackers: "seed 000", "Seed002", "issue 7", "issue #15", "stop 23". */
    private static final Pattern NUMBERED_ITEM = Pattern.compile(
            "(?i)\\bseed[ _#-]?0\\d\\d(?!\\d)|seed0\\d\\d(?!\\d)|\\bissue[ _]?#?\\d+(?!\\d)|(?<=[a-z0-9])Issue#?\\d+(?!\\d)"
                    + "|\\bstop[ _]?#?\\d+(?!\\d)|\\bsession notes?\\b");
    /** A markdown file named in the text: a path of word characters, dots, dashes and slashes ending in .md. */
    private static final Pattern MARKDOWN_FILE = Pattern.compile("(?<![\\w./:-])((?:\\.{1,2}/)*[\\w-]+(?:/[\\w.-]+)*\\.md)\\b");
    private static final Set<String> SOURCE_ENDINGS = Set.of(".java", ".mjs", ".js", ".yaml", ".yml", ".xml", ".sh", ".md");
    private static final Set<String> SCRIPTS = Set.of(".ci/run", "orderhub");

    @Test
    void noSourceTestOrDocCitesADocumentOutsideTheRepository() throws IOException {
        Path root = LocalHub.findRoot();
        List<Path> files = files(root);
        List<String> markdown = files.stream().map(f -> slashes(root.relativize(f))).filter(f -> f.endsWith(".md")).toList();
        List<String> citations = new ArrayList<>();
        for (Path file : files) {
            String where = slashes(root.relativize(file));
            if (where.endsWith("/" + OutsideDocumentCitationTest.class.getSimpleName() + ".java")) {
                continue; // its examples of what it refuses
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                for (String c : citations(lines.get(i), markdown)) {
                    citations.add(where + ":" + (i + 1) + ": " + c);
                }
            }
        }
        assertThat(files).as("files scanned").hasSizeGreaterThan(500);
        assertThat(citations).as("say the reason (the target, the provider's page, the behaviour) instead of citing"
                + " a document outside the repository").isEmpty();
    }

    @Test
    void theCheckFindsCitationsAndLeavesOrdinaryWordsAlone() {
        List<String> docs = List.of("BENCHMARKS.md", "docs/testing.md", "shared/core/src/test/resources/samples/SOURCES.md");
        assertThat(citations(" * The auto-reply of seed 000: the one way the hub e-mails a buyer", docs)).isNotEmpty();
        assertThat(citations("    void statusesMapAsSeed002SaysAndNewIsStillOpen() {", docs)).isNotEmpty();
        assertThat(citations("/** Issue 7's budget for each deployable jar */", docs)).isNotEmpty();
        assertThat(citations("// fixed in issue #15", docs)).isNotEmpty();
        assertThat(citations("void rejectedAsIssue15Says() {", docs)).isNotEmpty();
        assertThat(citations("as agreed at stop 23", docs)).isNotEmpty();
        assertThat(citations(" * names seen in third-party integrations (see PROVIDERS.md)", docs)).isNotEmpty();
        assertThat(citations(" * API reference examples, see samples/stripe/SOURCES.md", docs)).isNotEmpty();

        assertThat(citations("keys.issue(Set.of(clientId), AdminRole.OWNER, \"test\")", docs)).isEmpty();
        assertThat(citations("\"CallbackFuzzProof seed=\" + SEED + \" cases/route=\"", docs)).isEmpty();
        assertThat(citations("@ForAll long seed) {", docs)).isEmpty();
        assertThat(citations("(BENCHMARKS.md section 3), see [testing](../docs/testing.md) and samples/SOURCES.md", docs))
                .isEmpty();
        assertThat(citations("https://xsolla.redocly.app/api/shop-builder/order/admin-order-search.md", docs)).isEmpty();
        assertThat(citations("the hub's permissions; commission_order; Transmission", docs)).isEmpty();
    }

    /** The citations of outside documents in one line. */
    static List<String> citations(String line, List<String> repositoryMarkdown) {
        List<String> found = new ArrayList<>();
        Matcher item = NUMBERED_ITEM.matcher(line);
        while (item.find()) {
            found.add("\"" + item.group() + "\"");
        }
        if (line.contains("MISSION") && line.matches(".*\\bMISSION\\b.*")) {
            found.add("MISSION");
        }
        Matcher md = MARKDOWN_FILE.matcher(line);
        while (md.find()) {
            String named = md.group(1).replaceFirst("^(\\.{1,2}/)+", "");
            if (repositoryMarkdown.stream().noneMatch(f -> f.equals(named) || f.endsWith("/" + named))) {
                found.add(md.group(1) + " (no such file in the repository)");
            }
        }
        return found;
    }

    /** The repository's own text: sources, tests, scripts, template and docs; not build output or stand-ins. */
    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile)
                    .filter(f -> {
                        String p = slashes(root.relativize(f));
                        if (p.startsWith(".git/") || p.startsWith("node_modules/") || p.contains("/node_modules/")
                                || p.contains("/target/") || p.startsWith("target/") || p.startsWith(".")
                                && !p.startsWith(".ci/")) {
                            return false;
                        }
                        return SCRIPTS.contains(p) || p.startsWith("scripts/")
                                || SOURCE_ENDINGS.stream().anyMatch(p::endsWith) && !p.endsWith("package-lock.json");
                    })
                    .toList();
        }
    }

    private static String slashes(Path p) {
        return p.toString().replace('\\', '/');
    }
}
