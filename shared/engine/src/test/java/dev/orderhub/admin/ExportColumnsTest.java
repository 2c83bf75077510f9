package dev.orderhub.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderhub.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The CSV headers are the declared schemas' properties: a schema change without a column change fails here. */
class ExportColumnsTest {
    private static final Path SCHEMAS = Path.of("../../schemas");

    private static List<String> properties(String file) throws IOException {
        JsonNode schema = Json.parse(Files.readString(SCHEMAS.resolve(file)));
        List<String> out = new ArrayList<>();
        schema.get("properties").fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void everyRecordTypesColumnsAreItsSchemasPropertiesInOrder() throws IOException {
        assertThat(ExportColumns.RECORDS.keySet()).isEqualTo(ExportColumns.SCHEMA_FILES.keySet());
        for (var e : ExportColumns.SCHEMA_FILES.entrySet()) {
            Set<String> union = new LinkedHashSet<>();
            for (String file : e.getValue()) {
                union.addAll(properties(file));
            }
            assertThat(ExportColumns.RECORDS.get(e.getKey())).as(e.getKey()).containsExactlyElementsOf(union);
        }
    }

    @Test
    void everySchemaFileBelongsToAnExportType() throws IOException {
        Set<String> used = new HashSet<>();
        ExportColumns.SCHEMA_FILES.values().forEach(used::addAll);
        try (Stream<Path> files = Files.list(SCHEMAS)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).collect(Collectors.toSet()))
                    .isEqualTo(used);
        }
    }

    @Test
    void noRecordColumnClashesWithTheHubsOwnColumns() {
        ExportColumns.RECORDS.forEach((type, columns) ->
                assertThat(columns).as(type).doesNotContainAnyElementsOf(ExportColumns.RECORD_PREFIX));
    }
}
