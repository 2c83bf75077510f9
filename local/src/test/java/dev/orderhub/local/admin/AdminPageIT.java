package dev.orderhub.local.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.local.LocalHub;
import dev.orderhub.local.TestHub;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The admin page's files as the admin function serves them through the gateway, and the page's dictionaries. */
class AdminPageIT {
    private static final Path UI = LocalHub.findRoot().resolve("functions/admin-api/src/main/resources/admin-ui");

    private static TestHub.Response get(String path, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(TestHub.base().toString().replaceAll("/$", "") + path)).GET();
        headers.forEach(b::header);
        return TestHub.execute(b.build());
    }

    private static String header(TestHub.Response r, String name) {
        return r.headers().getOrDefault(name, java.util.List.of()).stream().findFirst().orElse(null);
    }

    @Test
    void thePageAddressLeadsToItsFolderAndTheFolderServesTheIndex() {
        TestHub.Response redirect = get("/admin/ui", Map.of());
        assertThat(redirect.status()).isEqualTo(308);
        assertThat(header(redirect, "location")).as("relative, so a stage prefix is kept").isEqualTo("ui/");

        TestHub.Response index = get("/admin/ui/", Map.of());
        assertThat(index.status()).isEqualTo(200);
        assertThat(index.body()).contains("<script type=\"module\" src=\"app.js\"></script>");
        assertThat(header(index, "content-type")).isEqualTo("text/html; charset=utf-8");
        assertThat(header(index, "content-security-policy")).startsWith("default-src 'self';").contains("frame-ancestors 'none'")
                .doesNotContain("unsafe");
        assertThat(header(index, "x-content-type-options")).isEqualTo("nosniff");
        assertThat(header(index, "cache-control")).isEqualTo("no-cache");
        assertThat(get("/admin/ui/index.html", Map.of()).body()).isEqualTo(index.body());
    }

    @Test
    void filesHaveTheirContentTypeAndAnUnchangedFileCostsA304() {
        assertThat(header(get("/admin/ui/app.js", Map.of()), "content-type")).isEqualTo("text/javascript; charset=utf-8");
        assertThat(header(get("/admin/ui/app.css", Map.of()), "content-type")).isEqualTo("text/css; charset=utf-8");
        assertThat(header(get("/admin/ui/icon.svg", Map.of()), "content-type")).isEqualTo("image/svg+xml");
        TestHub.Response first = get("/admin/ui/i18n.js", Map.of());
        assertThat(first.body()).contains("결제 확인");
        String etag = header(first, "etag");
        assertThat(etag).matches("\"[0-9a-f]{32}\"");
        TestHub.Response again = get("/admin/ui/i18n.js", Map.of("if-none-match", etag));
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    void onlyThePagesOwnFilesAreServedAndTheApiStillNeedsAKey() {
        for (String path : new String[] {"/admin/ui/nope.js", "/admin/ui/%2e%2e%2fpom.xml", "/admin/ui/..%2f..%2ftemplate.yaml",
                "/admin/ui/a/app.js", "/admin/ui/APP.JS", "/admin/ui/app.js.map", "/admin/ui/AdminUi.class",
                "/admin/ui/..%5capp.js"}) {
            assertThat(get(path, Map.of()).status()).as(path).isEqualTo(404);
        }
        assertThat(get("/admin/sites/site_demo/orders", Map.of()).status()).isEqualTo(401);
    }

    @Test
    void everyFileTheIndexNamesExists() throws IOException {
        String index = Files.readString(UI.resolve("index.html"));
        Matcher m = Pattern.compile("(?:href|src)=\"([a-z0-9-]+\\.[a-z]+)\"").matcher(index);
        int found = 0;
        while (m.find()) {
            found++;
            assertThat(get("/admin/ui/" + m.group(1), Map.of()).status()).as(m.group(1)).isEqualTo(200);
        }
        assertThat(found).isEqualTo(3);
        Matcher imports = Pattern.compile("from '\\./([a-z0-9-]+\\.js)'").matcher(readAll());
        while (imports.find()) {
            assertThat(UI.resolve(imports.group(1))).as("imported " + imports.group(1)).exists();
        }
    }

    @Test
    void koreanAndEnglishHaveTheSameWordsAndEveryWordUsedIsInThem() throws IOException {
        String i18n = Files.readString(UI.resolve("i18n.js"));
        int ko = i18n.indexOf("\n  ko: {");
        Set<String> en = keys(i18n.substring(0, ko));
        Set<String> korean = keys(i18n.substring(ko));
        assertThat(en).hasSizeGreaterThan(50);
        assertThat(korean).isEqualTo(en);
        Matcher used = Pattern.compile("(?:\\bt\\('|data-i18n=\")([\\w.]+)['\"]").matcher(readAll());
        while (used.find()) {
            assertThat(en).as("word used in the page").contains(used.group(1));
        }
    }

    private static Set<String> keys(String block) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = Pattern.compile("^ {4}'([\\w.]+)':", Pattern.MULTILINE).matcher(block);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static String readAll() throws IOException {
        StringBuilder all = new StringBuilder();
        try (var files = Files.list(UI)) {
            for (Path f : files.sorted().toList()) {
                all.append(Files.readString(f)).append('\n');
            }
        }
        return all.toString();
    }
}
