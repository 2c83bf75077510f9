package dev.orderhub.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** openapi.yaml documents exactly the routes template.yaml deploys, with their path parameters and error answers. */
class OpenApiTest {
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete", "options");
    private static Map<String, Map<String, Map<String, Object>>> paths;
    private static SamTemplate template;
    private static Set<String> declaredTags;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void read() throws IOException {
        Path root = LocalHub.findRoot();
        template = SamTemplate.read(root.resolve("template.yaml"));
        try (Reader r = Files.newBufferedReader(root.resolve("openapi.yaml"))) {
            Map<String, Object> doc = new Yaml().load(r);
            assertThat(String.valueOf(doc.get("openapi"))).startsWith("3.");
            paths = (Map<String, Map<String, Map<String, Object>>>) doc.get("paths");
            declaredTags = ((List<Map<String, Object>>) doc.get("tags")).stream().map(t -> String.valueOf(t.get("name")))
                    .collect(Collectors.toSet());
        }
    }

    private static Set<String> documented() {
        Set<String> out = new HashSet<>();
        paths.forEach((path, ops) -> ops.keySet().stream().filter(METHODS::contains)
                .forEach(m -> out.add(m.toUpperCase(Locale.ROOT) + " " + path)));
        return out;
    }

    @Test
    void everyTemplateRouteIsDocumentedAndEveryDocumentedRouteExists() {
        // A greedy path variable ({proxy+}, API Gateway's) is an ordinary path parameter in OpenAPI.
        Set<String> deployed = template.routes().stream().map(r -> r.routeKey().replace("+}", "}")).collect(Collectors.toSet());
        assertThat(documented()).isEqualTo(deployed);
    }

    /** Every export column, per type and in order, is listed in openapi.yaml, and every order column described. */
    @Test
    @SuppressWarnings("unchecked")
    void everyExportColumnIsDocumented() throws IOException {
        Map<String, Object> export = paths.get("/admin/sites/{clientId}/export").get("get");
        Map<String, List<String>> documented = (Map<String, List<String>>) export.get("x-export-columns");
        Map<String, List<String>> exported = new java.util.HashMap<>();
        exported.put("orders", dev.orderhub.admin.ExportColumns.ORDERS);
        dev.orderhub.admin.ExportColumns.RECORDS.forEach((type, columns) -> {
            List<String> all = new java.util.ArrayList<>(dev.orderhub.admin.ExportColumns.RECORD_PREFIX);
            all.addAll(columns);
            exported.put(type, all);
        });
        assertThat(documented).isEqualTo(exported);
        Map<String, Object> doc;
        try (Reader r = Files.newBufferedReader(LocalHub.findRoot().resolve("openapi.yaml"))) {
            doc = new Yaml().load(r);
        }
        Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) doc.get("components")).get("schemas");
        Map<String, Map<String, Object>> orderRow = (Map<String, Map<String, Object>>) ((Map<String, Object>) schemas.get("ExportOrderRow"))
                .get("properties");
        assertThat(List.copyOf(orderRow.keySet())).isEqualTo(dev.orderhub.admin.ExportColumns.ORDERS);
        orderRow.forEach((column, schema) -> assertThat(schema.get("description")).as(column).isNotNull());
        Map<String, Object> recordRow = (Map<String, Object>) ((Map<String, Object>) schemas.get("ExportRecordRow")).get("properties");
        assertThat(List.copyOf(recordRow.keySet())).isEqualTo(dev.orderhub.admin.ExportColumns.RECORD_PREFIX);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyPathParameterIsDeclaredAndAdminRoutesDocumentTheirErrors() {
        Pattern param = Pattern.compile("\\{([^}]+)}");
        paths.forEach((path, ops) -> ops.forEach((method, op) -> {
            Set<String> declared = ((List<Map<String, Object>>) op.getOrDefault("parameters", List.of())).stream()
                    .filter(p -> "path".equals(p.get("in"))).map(p -> String.valueOf(p.get("name"))).collect(Collectors.toSet());
            Set<String> inPath = new HashSet<>();
            Matcher m = param.matcher(path);
            while (m.find()) {
                inPath.add(m.group(1));
            }
            assertThat(declared).as(method + " " + path).isEqualTo(inPath);
            Map<String, Object> responses = (Map<String, Object>) op.get("responses");
            assertThat(responses).as(method + " " + path).isNotEmpty();
            assertThat((List<String>) op.get("tags")).as(method + " " + path + " has one declared tag").singleElement()
                    .isIn(declaredTags);
            if (path.startsWith("/admin/") && !path.startsWith("/admin/ui")) { // the page itself needs no key
                assertThat(responses.keySet()).as(method + " " + path).contains("400", "401", "404");
                assertThat(op).as(method + " " + path + " uses the bearer scheme").doesNotContainKey("security");
            } else {
                assertThat(op.get("security")).as(method + " " + path + " is public").isEqualTo(List.of());
            }
        }));
    }
}
