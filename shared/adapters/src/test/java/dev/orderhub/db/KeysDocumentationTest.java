package dev.orderhub.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.testing.RepoRoot;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/data-model.md's table of items is the map a newcomer reads; {@link Keys} is what the code writes. Each key
 * shape the table's pk, sk and index columns show must be one that a method of {@link Keys} makes, and each
 * shape a method makes must be in the table. Shapes are compared with their placeholders blanked
 * ({@code ORDER#<clientId>#<orderId>} is {@code ORDER#<>#<>}): the literal parts and the order of the parts count.
 */
class KeysDocumentationTest {
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern PLACEHOLDER = Pattern.compile("<[^<>]*>");
    private static final Pattern INDEX_ATTRIBUTE = Pattern.compile("^gsi\\d(pk|sk) = ");

    @Test
    void theDataModelTableAndTheKeyBuilderShowTheSameKeys() throws Exception {
        Set<String> documented = documented();
        Set<String> built = built();
        assertThat(built).as("made by Keys, missing from docs/data-model.md's table").isSubsetOf(documented);
        assertThat(documented).as("in docs/data-model.md's table, made by no method of Keys").isSubsetOf(built);
    }

    /** The shapes in the pk, sk and index columns of the item table, placeholders blanked; bare placeholders left out. */
    static Set<String> documented() throws IOException {
        Path doc = RepoRoot.path().resolve("docs/data-model.md");
        Set<String> shapes = new TreeSet<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(doc)) {
            if (line.startsWith("| item | pk | sk |")) {
                inTable = true;
                continue;
            }
            if (!inTable || line.startsWith("|---")) {
                continue;
            }
            if (!line.startsWith("|")) {
                break;
            }
            String[] cells = line.split("\\|", -1);
            for (int column = 2; column <= 4; column++) {
                Matcher m = CODE.matcher(cells[column]);
                while (m.find()) {
                    String shape = blank(INDEX_ATTRIBUTE.matcher(m.group(1).trim()).replaceFirst(""));
                    if (!shape.replace("<>", "").isEmpty()) {
                        shapes.add(shape);
                    }
                }
            }
        }
        assertThat(shapes).as("the item table of " + doc).hasSizeGreaterThan(30);
        return shapes;
    }

    /**
     * What {@link Keys} makes: its String constants, and each public method's result with a placeholder for every
     * argument (a rate-limit scope as the partition key {@link Keys#rate} makes of it). Range bounds and prefixes
     * ({@code …Prefix}, {@code …Bound}) and the readers of keys are not keys.
     */
    static Set<String> built() throws Exception {
        Set<String> shapes = new TreeSet<>();
        for (Field f : Keys.class.getDeclaredFields()) {
            if (Modifier.isPublic(f.getModifiers()) && Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                shapes.add((String) f.get(null));
            }
        }
        for (Method m : Keys.class.getDeclaredMethods()) {
            String name = m.getName();
            if (!Modifier.isPublic(m.getModifiers()) || m.getReturnType() != String.class || name.endsWith("Prefix")
                    || name.endsWith("Bound") || name.startsWith("clientId") || name.equals("rate")) {
                continue;
            }
            String shape = blank(call(m));
            shapes.add(name.endsWith("Scope") ? blank(Keys.rate(shape)) : shape);
        }
        return shapes;
    }

    private static final long NUMBER = 987654321L;
    private static final Instant TIME = Instant.parse("2001-02-03T04:05:06Z");

    private static String call(Method m) throws IllegalAccessException, InvocationTargetException {
        Parameter[] ps = m.getParameters();
        Object[] args = new Object[ps.length];
        for (int i = 0; i < ps.length; i++) {
            Class<?> t = ps[i].getType();
            args[i] = t == String.class ? "<" + ps[i].getName() + ">"
                    : t == long.class ? NUMBER : t == int.class ? (int) NUMBER : t == Instant.class ? TIME : null;
            assertThat(args[i]).as(m + " takes " + t).isNotNull();
        }
        // A number or time argument stands in the key formatted: blank it like a placeholder.
        return ((String) m.invoke(null, args)).replaceAll("0*" + NUMBER, "<>").replace(Timestamps.fixed(TIME), "<>");
    }

    private static String blank(String shape) {
        return PLACEHOLDER.matcher(shape).replaceAll("<>");
    }

    @Test
    void theShapesAreReadFromBothSides() throws Exception {
        assertThat(built()).contains("ORDER#<>#<>", "#ORDER", "<>#<>", "WFV#<>#<>", "PUB#<>", "T#<>#REFUSED",
                "RATE#INTENTS#<>#IP#<>");
        assertThat(documented()).contains("ORDER#<>#<>", "SITES", "SITE#<>#REVIEW");
        assertThat(Arrays.stream(Keys.class.getDeclaredMethods()).map(Method::getName)).contains("order");
    }
}
