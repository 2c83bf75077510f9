package dev.orderhub.aws;

import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.retries.DefaultRetryStrategy;

/**
 * How the SES client retries: only when SES said it did not take the e-mail (throttling). The
 * SDK's standard strategy also retries timeouts, 5xx and lost connections, after which SES may
 * have accepted the first attempt already: each such retry could send the e-mail once more. Those
 * outcomes go up to the caller as unknown instead ({@link dev.orderhub.mail.SesMailer}).
 */
final class SesClients {
    private SesClients() {}

    static void retryOnlyRefusals(ClientOverrideConfiguration.Builder o) {
        o.retryStrategy(DefaultRetryStrategy.standardStrategyBuilder().maxAttempts(3)
                .retryOnException(e -> e instanceof SdkServiceException s && s.isThrottlingException()).build());
    }
}
