package dev.orderhub.sealing;

import java.net.URI;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;

/**
 * How this deployment seals secrets: SEALING_KEY_ARN names the KMS key (template.yaml's
 * SecretsKey); else SEALING_LOCAL_KEY (32 bytes, base64) seals locally, as local mode and the
 * tests do; with neither, secrets can be neither sealed nor opened. KMS is reached at
 * AWS_ENDPOINT_URL_KMS (else AWS_ENDPOINT_URL, else its regional endpoint). Part of the one
 * configuration ({@code HubConfig}), which reads it from its source.
 */
public record SealingConfig(Optional<String> kmsKeyArn, Optional<byte[]> localKey, Optional<URI> kmsEndpoint) {
    public static SealingConfig from(Function<String, String> source) {
        Optional<String> endpoint = nonBlank(source.apply("AWS_ENDPOINT_URL_KMS")).or(() -> nonBlank(source.apply("AWS_ENDPOINT_URL")));
        return new SealingConfig(nonBlank(source.apply("SEALING_KEY_ARN")),
                nonBlank(source.apply("SEALING_LOCAL_KEY")).map(k -> Base64.getDecoder().decode(k)),
                endpoint.map(URI::create));
    }

    private static Optional<String> nonBlank(String v) {
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }
}
