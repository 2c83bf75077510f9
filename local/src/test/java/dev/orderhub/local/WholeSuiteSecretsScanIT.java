package dev.orderhub.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.local.secrets.SecretsSealedAtRestIT;
import dev.orderhub.sealing.SealContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * The secrets check over the whole suite: runs after every other test class of its JVM (junit-platform.properties
 * orders classes), in both stack JVMs, the flow tier's and the proof tier's (local/pom.xml), each with a stack and
 * secrets of its own; it scans every log line and every function
 * response body the suite produced ({@link SuiteOutput}) for every secret it configured:
 * <ul>
 *   <li>provider secrets and API keys of every site in the table (opened from their seals; write-only:
 *       in no log line and no response), and the operator key: 0 hits anywhere;</li>
 *   <li>admin keys ({@code ohk_…}) and workflow webhook secrets ({@code whsec_…}, earlier {@code whsk_…}), which their
 *       creating response shows once: in no log line, and in at most one response each.</li>
 * </ul>
 * Secrets shorter than 8 characters (a few tests use "wrong" or "token-1") are not looked for:
 * they would match ordinary text.
 */
@Order(Integer.MAX_VALUE)
class WholeSuiteSecretsScanIT {
    /**
     * The signing example in openapi.yaml (served by GET /openapi.yaml) and the README: the key made of the bytes
     * 0x00 to 0x1f, which no site is ever issued (secrets are random).
     */
    private static final String DOCUMENTED_EXAMPLE = "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private static final Pattern SHOWN_ONCE = Pattern.compile("(ohk|whsk)_[A-Za-z0-9]{16,}|whsec_[A-Za-z0-9+/]{40,}=*");

    @Test
    void noSecretInAnyLogLineOrResponseOfTheWholeSuite() throws IOException {
        LocalHub hub = TestHub.get();
        String logs = Files.readString(SuiteOutput.LOG, StandardCharsets.UTF_8);
        List<String> responses = Files.readAllLines(SuiteOutput.RESPONSES, StandardCharsets.UTF_8);
        Assumptions.assumeTrue(responses.size() > 1000, "run with its whole tier (mvn verify, -Pflow or -Pproof): only "
                + responses.size() + " responses recorded");

        Set<String> writeOnly = new LinkedHashSet<>(providerSecretsInTheTable(hub));
        writeOnly.add(hub.operatorKey());
        DemoSite.SECRETS.values().forEach(m -> writeOnly.addAll(m.values()));
        writeOnly.removeIf(s -> s == null || s.length() < 8);
        // Floors against a scan that looked at nothing; the proof tier's JVM makes few sites (local/pom.xml sets its floors).
        assertThat(writeOnly).as("the suite configured secrets").hasSizeGreaterThan(Integer.getInteger("orderhub.scan.minSecrets", 50));
        String allResponses = String.join("\n", responses);
        for (String secret : writeOnly) {
            assertThat(logs.contains(secret)).as("a configured secret (%s…) is in a log line", secret.substring(0, 4)).isFalse();
            assertThat(allResponses.contains(secret)).as("a configured secret (%s…) is in a response body", secret.substring(0, 4))
                    .isFalse();
        }

        Map<String, Integer> shownOnce = new HashMap<>();
        for (String response : responses) {
            Matcher m = SHOWN_ONCE.matcher(response);
            Set<String> inThisOne = new LinkedHashSet<>();
            while (m.find()) {
                if (!m.group().equals(DOCUMENTED_EXAMPLE)) {
                    inThisOne.add(m.group());
                }
            }
            inThisOne.forEach(k -> shownOnce.merge(k, 1, Integer::sum));
        }
        assertThat(shownOnce).as("the suite issued admin keys").hasSizeGreaterThan(Integer.getInteger("orderhub.scan.minKeys", 20));
        List<String> repeated = new ArrayList<>();
        shownOnce.forEach((k, n) -> {
            if (n > 1) {
                repeated.add(k.substring(0, 8) + "… in " + n + " responses");
            }
        });
        assertThat(repeated).as("a key or webhook secret shown again after the response that issued it").isEmpty();
        Matcher inLogs = SHOWN_ONCE.matcher(logs);
        assertThat(inLogs.find()).as("an admin key or webhook secret in a log line").isFalse();
        System.out.printf("WholeSuiteSecretsScanIT: %,d log bytes, %,d responses, %,d write-only secrets, %,d keys shown once%n",
                logs.length(), responses.size(), writeOnly.size(), shownOnce.size());
    }

    /** Every value of every provider config's secrets, for every site the suite made. */
    private static List<String> providerSecretsInTheTable(LocalHub hub) {
        List<String> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            ScanRequest.Builder scan = ScanRequest.builder().tableName(hub.tableName("HubTable"))
                    .filterExpression("begins_with(sk, :p)").expressionAttributeValues(Map.of(":p", AttributeValue.fromS("PROVIDER#")));
            if (start != null) {
                scan.exclusiveStartKey(start);
            }
            ScanResponse r = hub.dynamoDb().scan(scan.build());
            for (Map<String, AttributeValue> item : r.items()) {
                AttributeValue secrets = item.get("secrets"); // stored before sealing
                if (secrets != null && secrets.hasM()) {
                    secrets.m().values().forEach(v -> out.add(v.s()));
                }
                AttributeValue sealed = item.get("sealedSecrets");
                if (sealed != null && sealed.hasM()) {
                    String clientId = item.get("pk").s().substring("SITE#".length());
                    String provider = item.get("provider").s();
                    sealed.m().forEach((name, v) -> {
                        try {
                            out.add(TestHub.stack().sealer().open(v.s(), new SealContext(clientId, provider, name)));
                        } catch (dev.orderhub.sealing.SealedSecretUnreadable copiedFromAnotherSite) {
                            // SecretsSealedAtRestIT stores one site's sealed value under another site: it opens
                            // under no context of this item, so no function can use (or log) it.
                        }
                    });
                }
            }
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }
}
