package dev.orderhub.sealing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.orderhub.json.Json;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * The KMS sealer against WireMock speaking KMS's JSON protocol: the requests are what KMS expects
 * (POST /, X-Amz-Target TrentService.GenerateDataKey / TrentService.Decrypt, JSON 1.1, SigV4 for
 * service kms with the session token, the key and the encryption context in the body), a sealed
 * secret round-trips, and KMS's refusals and failures become the right errors.
 */
class KmsSealerRequestShapeTest {
    private static final String KEY_ARN = "arn:aws:kms:eu-central-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private static final byte[] DATA_KEY = new byte[32];
    private static final String BLOB = Base64.getEncoder().encodeToString("encrypted-data-key-from-kms".getBytes());
    private static final SealContext CONTEXT = new SealContext("site_abcd1234", "stripe", "webhookSecret");

    static {
        for (int i = 0; i < DATA_KEY.length; i++) {
            DATA_KEY[i] = (byte) (i * 7 + 3);
        }
    }

    private WireMockServer kms;
    private KmsSealer sealer;

    @BeforeEach
    void start() {
        kms = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        kms.start();
        UrlConnectionHttpClient http = (UrlConnectionHttpClient) UrlConnectionHttpClient.builder()
                .socketTimeout(Duration.ofSeconds(5)).build();
        KmsJsonClient client = new KmsJsonClient(http, StaticCredentialsProvider.create(
                AwsSessionCredentials.create("AKIDEXAMPLE", "secret-access-key", "session-token-xyz")),
                "eu-central-1", URI.create(kms.baseUrl()));
        sealer = new KmsSealer(client, KEY_ARN);
        kms.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("TrentService.GenerateDataKey"))
                .willReturn(okJson(Json.write(Map.of("CiphertextBlob", BLOB, "KeyId", KEY_ARN,
                        "Plaintext", Base64.getEncoder().encodeToString(DATA_KEY))))));
        kms.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("TrentService.Decrypt"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"__type\":\"InvalidCiphertextException\",\"message\":null}")));
        kms.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("TrentService.Decrypt"))
                .withRequestBody(matchingJsonPath("$.CiphertextBlob", equalTo(BLOB)))
                .withRequestBody(matchingJsonPath("$.EncryptionContext", equalToJson(Json.write(CONTEXT.encryptionContext()))))
                .willReturn(okJson(Json.write(Map.of("KeyId", KEY_ARN, "Plaintext", Base64.getEncoder().encodeToString(DATA_KEY))))));
    }

    @AfterEach
    void stop() {
        kms.stop();
    }

    @Test
    void generateDataKeyAndDecryptAreSignedKmsJsonCallsWithTheKeyAndTheEncryptionContext() {
        String sealed = sealer.seal("whsec_live_secret", CONTEXT);
        assertThat(sealed).startsWith("kms1:" + BLOB + ".").doesNotContain("whsec_live_secret");

        LoggedRequest generate = only("TrentService.GenerateDataKey");
        assertKmsRequest(generate);
        JsonNode body = Json.parse(generate.getBodyAsString());
        assertThat(body.get("KeyId").asText()).isEqualTo(KEY_ARN);
        assertThat(body.get("KeySpec").asText()).isEqualTo("AES_256");
        assertThat(body.get("EncryptionContext")).isEqualTo(Json.MAPPER.valueToTree(
                Map.of("clientId", "site_abcd1234", "provider", "stripe", "field", "webhookSecret")));

        assertThat(sealer.open(sealed, CONTEXT)).isEqualTo("whsec_live_secret");
        LoggedRequest decrypt = only("TrentService.Decrypt");
        assertKmsRequest(decrypt);
        JsonNode d = Json.parse(decrypt.getBodyAsString());
        assertThat(d.get("CiphertextBlob").asText()).isEqualTo(BLOB);
        assertThat(d.get("KeyId").asText()).isEqualTo(KEY_ARN);
        assertThat(d.get("EncryptionContext")).isEqualTo(body.get("EncryptionContext"));

        assertThat(sealer.open(sealed, CONTEXT)).as("opened again from memory").isEqualTo("whsec_live_secret");
        assertThat(kms.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("TrentService.Decrypt"))))
                .hasSize(1);
    }

    @Test
    void kmsRefusingTheContextMeansTheSecretCannotBeOpened() {
        String sealed = sealer.seal("whsec_live_secret", CONTEXT);
        SealContext otherSite = new SealContext("site_other999", "stripe", "webhookSecret");
        assertThatThrownBy(() -> sealer.open(sealed, otherSite)).isInstanceOf(SealedSecretUnreadable.class)
                .hasMessageContaining("InvalidCiphertextException");
    }

    @Test
    void throttlingAndServerErrorsAreRetriedThenReportedAsTransient() {
        kms.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("TrentService.GenerateDataKey"))
                .willReturn(aResponse().withStatus(400).withBody("{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}")));
        assertThatThrownBy(() -> sealer.seal("x", CONTEXT)).isInstanceOf(SealerUnavailable.class);
        assertThat(kms.findAll(postRequestedFor(urlEqualTo("/")))).as("three attempts").hasSize(3);
    }

    @Test
    void aKeyServiceThatFailsLeavesTheSecretUnopenedForNowNotUnreadable() {
        String sealed = sealer.seal("whsec_live_secret", CONTEXT);
        kms.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("TrentService.Decrypt"))
                .willReturn(aResponse().withStatus(500).withBody("{\"__type\":\"KMSInternalException\"}")));
        assertThatThrownBy(() -> sealer.open(sealed, CONTEXT)).isInstanceOf(SealerUnavailable.class)
                .hasMessageContaining("stripe/webhookSecret");
        assertThat(kms.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("TrentService.Decrypt"))))
                .as("three attempts").hasSize(3);
    }

    private LoggedRequest only(String target) {
        List<LoggedRequest> r = kms.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(target)));
        assertThat(r).hasSize(1);
        return r.get(0);
    }

    private static void assertKmsRequest(LoggedRequest r) {
        assertThat(r.getHeader("Content-Type")).isEqualTo("application/x-amz-json-1.1");
        String auth = r.getHeader("Authorization");
        assertThat(auth).matches("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/[0-9]{8}/eu-central-1/kms/aws4_request, "
                + "SignedHeaders=[a-z0-9;-]*x-amz-target[a-z0-9;-]*, Signature=[0-9a-f]{64}");
        assertThat(auth).contains("host").contains("x-amz-date");
        assertThat(r.getHeader("X-Amz-Security-Token")).isEqualTo("session-token-xyz");
        assertThat(r.getHeader("X-Amz-Date")).matches("[0-9]{8}T[0-9]{6}Z");
    }
}
