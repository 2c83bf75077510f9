package dev.orderhub.functions.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The admin page calls only routes openapi.yaml documents, with the method it documents: the page
 * is one client of the API among others, never a user of something undocumented. Every call the
 * page makes goes through {@code api(method, path)} or {@code apiText(path)} (api.js prefixes
 * {@code /admin/sites/<clientId>}); a call this test cannot read (a path in a variable) fails it,
 * so no call escapes the check.
 */
class AdminPageCallsDocumentedRoutesTest {
    private static final Path UI = Path.of("src/main/resources/admin-ui");
    private static final Path OPENAPI = Path.of("../../openapi.yaml");
    private static final String SITE = "/admin/sites/{clientId}";
    private static final Pattern CALL = Pattern.compile("\\b(api|apiText)\\(");
    private static final Pattern API = Pattern.compile("api\\('([A-Z]+)',\\s*(?:withQuery\\()?([`'])(.*?)\\2");
    private static final Pattern API_TEXT = Pattern.compile("apiText\\((?:withQuery\\()?([`'])(.*?)\\1");
    private static final Pattern PATH = Pattern.compile("^  (/[^:\\s]*):\\s*$");
    private static final Pattern METHOD = Pattern.compile("^    (get|put|post|patch|delete):\\s*$");

    record Call(String file, String method, String path) {}

    @Test
    void everyCallOfThePageIsADocumentedRouteAndMethod() throws IOException {
        Map<String, Set<String>> documented = documented();
        List<Call> calls = calls();
        assertThat(calls).as("calls found in the page").hasSizeGreaterThan(20);
        List<String> undocumented = new ArrayList<>();
        for (Call c : calls) {
            if (!matches(documented, c.method(), SITE + c.path())) {
                undocumented.add(c.file() + ": " + c.method() + " " + SITE + c.path());
            }
        }
        assertThat(undocumented).as("calls of the admin page that openapi.yaml does not document").isEmpty();
    }

    @Test
    void aCallToAnUndocumentedRouteIsCaught() throws IOException {
        Map<String, Set<String>> documented = documented();
        assertThat(matches(documented, "GET", SITE + "/orders/{}")).isTrue();
        assertThat(matches(documented, "DELETE", SITE + "/orders/{}")).as("documented path, undocumented method").isFalse();
        assertThat(matches(documented, "GET", SITE + "/orders/{}/secrets")).isFalse();
        assertThat(matches(documented, "POST", SITE + "/orders/{}/review/{}")).as("a variable segment: confirm or dismiss").isTrue();
    }

    /** The page's calls: method and path after the site prefix, each {@code ${…}} a segment {@code {}}, the query cut. */
    static List<Call> calls() throws IOException {
        List<Call> out = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        try (Stream<Path> files = Files.list(UI)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".js")).sorted().toList()) {
                String js = Files.readString(f);
                Matcher m = CALL.matcher(js);
                while (m.find()) {
                    String rest = js.substring(m.start(), Math.min(js.length(), m.start() + 300));
                    if (rest.startsWith("api(method") || rest.startsWith("apiText(path")) {
                        continue; // the definitions in api.js
                    }
                    Matcher a = API.matcher(rest);
                    Matcher t = API_TEXT.matcher(rest);
                    if (m.group(1).equals("api") && a.lookingAt()) {
                        out.add(new Call(f.getFileName().toString(), a.group(1), normalized(a.group(3))));
                    } else if (m.group(1).equals("apiText") && t.lookingAt()) {
                        out.add(new Call(f.getFileName().toString(), "GET", normalized(t.group(2))));
                    } else {
                        unreadable.add(f.getFileName() + ": " + rest.lines().findFirst().orElse(""));
                    }
                }
            }
        }
        assertThat(unreadable).as("calls whose method or path is not written out (write them as api('GET', `/path/${x}`))").isEmpty();
        return out;
    }

    static String normalized(String path) {
        String p = path.replaceAll("\\$\\{[^}]*}", "{}");
        int q = p.indexOf('?');
        return q < 0 ? p : p.substring(0, q);
    }

    /** openapi.yaml's paths and, for each, its methods in upper case. */
    static Map<String, Set<String>> documented() throws IOException {
        Map<String, Set<String>> out = new HashMap<>();
        String path = null;
        for (String line : Files.readAllLines(OPENAPI)) {
            Matcher p = PATH.matcher(line);
            if (p.matches()) {
                path = p.group(1);
                out.put(path, new HashSet<>());
                continue;
            }
            Matcher m = METHOD.matcher(line);
            if (path != null && m.matches()) {
                out.get(path).add(m.group(1).toUpperCase());
            }
            if (line.startsWith("components:")) {
                break;
            }
        }
        assertThat(out).as("paths of " + OPENAPI).hasSizeGreaterThan(30);
        return out;
    }

    /** A {@code {}} segment of the call stands for any one segment; a documented parameter takes any value. */
    static boolean matches(Map<String, Set<String>> documented, String method, String call) {
        String[] c = call.split("/", -1);
        for (Map.Entry<String, Set<String>> e : documented.entrySet()) {
            String[] d = e.getKey().split("/", -1);
            if (d.length != c.length || !e.getValue().contains(method)) {
                continue;
            }
            boolean same = true;
            for (int i = 0; i < d.length && same; i++) {
                boolean parameter = d[i].startsWith("{") && d[i].endsWith("}");
                same = c[i].equals("{}") || parameter || c[i].equals(d[i]);
            }
            if (same) {
                return true;
            }
        }
        return false;
    }
}
