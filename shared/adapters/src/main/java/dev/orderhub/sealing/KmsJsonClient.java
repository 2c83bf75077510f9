package dev.orderhub.sealing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderhub.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * The two KMS operations the hub calls, GenerateDataKey and Decrypt, over KMS's JSON protocol
 * ({@code POST /}, {@code X-Amz-Target: TrentService.<Operation>},
 * {@code Content-Type: application/x-amz-json-1.1}), signed with SigV4 by the SDK's own signer
 * and sent on the functions' HTTP client. The SDK's kms module would do the same but does not fit
 * the function jars' size budget.
 */
public final class KmsJsonClient {
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final int ATTEMPTS = 3;

    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final String region;
    private final URI endpoint;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    public KmsJsonClient(SdkHttpClient http, AwsCredentialsProvider credentials, String region, URI endpoint) {
        this.http = http;
        this.credentials = credentials;
        this.region = region;
        this.endpoint = endpoint;
    }

    /** A KMS answer other than success that a retry would not change (access denied, a bad ciphertext, a disabled key). */
    public static final class Refused extends RuntimeException {
        private final String type;

        Refused(String type, String message) {
            super(type + (message == null ? "" : ": " + message));
            this.type = type;
        }

        public String type() {
            return type;
        }
    }

    /**
     * Calls {@code TrentService.<operation>} with this body; its JSON answer.
     *
     * @throws Refused for a 4xx answer other than throttling
     * @throws SdkClientException when KMS could not be reached, failed or throttled on every attempt
     */
    public JsonNode call(String operation, ObjectNode body) {
        byte[] payload = Json.write(body).getBytes(StandardCharsets.UTF_8);
        RuntimeException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                return once(operation, payload);
            } catch (SdkClientException transientFailure) {
                last = transientFailure;
                sleep(attempt);
            }
        }
        throw last;
    }

    private JsonNode once(String operation, byte[] payload) {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint.resolve("/"))
                .putHeader("Content-Type", CONTENT_TYPE)
                .putHeader("X-Amz-Target", "TrentService." + operation)
                .build();
        SignedRequest signed = signer.sign(r -> r.identity(credentials.resolveCredentials()).request(request)
                .payload(ContentStreamProvider.fromByteArray(payload))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "kms")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        int status;
        String answer;
        try {
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder().request(signed.request())
                    .contentStreamProvider(signed.payload().orElse(null)).build()).call();
            status = response.httpResponse().statusCode();
            answer = response.responseBody().map(KmsJsonClient::read).orElse("");
        } catch (IOException | UncheckedIOException e) {
            throw SdkClientException.create("KMS " + operation + " could not be reached", e);
        }
        JsonNode json = answer.isBlank() ? Json.MAPPER.createObjectNode() : Json.parse(answer);
        if (status >= 200 && status < 300) {
            return json;
        }
        String type = json.path("__type").asText("");
        type = type.substring(type.lastIndexOf('#') + 1);
        String message = json.has("message") ? json.get("message").asText() : json.path("Message").asText(null);
        if (status >= 500 || type.contains("Throttling") || type.equals("LimitExceededException")) {
            throw SdkClientException.create("KMS " + operation + " answered " + status + " " + type);
        }
        throw new Refused(type.isEmpty() ? "HTTP " + status : type, message);
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(int attempt) {
        if (attempt >= ATTEMPTS) {
            return;
        }
        try {
            Thread.sleep(50L * attempt * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
