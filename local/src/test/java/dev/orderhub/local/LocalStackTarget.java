package dev.orderhub.local;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * LocalStack (DynamoDB, SQS, SES, KMS) in a container Testcontainers starts, for
 * -Dorderhub.target=localstack. Without a Docker engine the tests that need the stack are
 * skipped (a JUnit assumption: reported as skipped, never as passed), saying why.
 */
public final class LocalStackTarget implements Target {
    /**
     * The last LocalStack community image that runs without an account; -Dorderhub.localstack.image
     * picks another (newer images need LOCALSTACK_AUTH_TOKEN, passed on when set).
     */
    public static final String DEFAULT_IMAGE = "localstack/localstack:4.4";

    private final LocalStackContainer container;

    private LocalStackTarget(LocalStackContainer container) {
        this.container = container;
    }

    /** Why the LocalStack target cannot run here, or empty when a Docker engine answers. */
    public static Optional<String> unavailableReason(boolean dockerAvailable) {
        return dockerAvailable ? Optional.empty() : Optional.of("the localstack target needs a Docker engine and Testcontainers found none"
                + " (DOCKER_HOST, /var/run/docker.sock, ~/.testcontainers.properties): these tests are skipped;"
                + " run them on the stand-ins (the default) or start Docker");
    }

    public static LocalStackTarget start() {
        Optional<String> unavailable = unavailableReason(DockerClientFactory.instance().isDockerAvailable());
        Assumptions.assumeTrue(unavailable.isEmpty(), unavailable::get);
        LocalStackContainer c = new LocalStackContainer(DockerImageName.parse(System.getProperty("orderhub.localstack.image", DEFAULT_IMAGE))
                .asCompatibleSubstituteFor("localstack/localstack"))
                .withServices(LocalStackContainer.Service.DYNAMODB, LocalStackContainer.Service.SQS,
                        LocalStackContainer.Service.SES, LocalStackContainer.Service.KMS);
        String token = System.getenv("LOCALSTACK_AUTH_TOKEN");
        if (token != null && !token.isBlank()) {
            c.withEnv("LOCALSTACK_AUTH_TOKEN", token);
        }
        c.start();
        return new LocalStackTarget(c);
    }

    private URI endpoint() {
        return container.getEndpoint();
    }

    @Override
    public TargetKind kind() {
        return TargetKind.LOCALSTACK;
    }

    @Override
    public Map<String, String> endpoints() {
        String e = endpoint().toString();
        return Map.of("AWS_ENDPOINT_URL_DYNAMODB", e, "AWS_ENDPOINT_URL_SQS", e, "AWS_ENDPOINT_URL_SES", e, "AWS_ENDPOINT_URL_KMS", e);
    }

    @Override
    public String region() {
        return container.getRegion();
    }

    @Override
    public boolean emulated() {
        return true;
    }

    @Override
    public String resourcePrefix() {
        return "orderhub-localstack-";
    }

    @Override
    public boolean sealsWithKms() {
        return true;
    }

    @Override
    public boolean deletesResourcesOnClose() {
        return false; // the container goes, and everything in it
    }

    @Override
    public Optional<MailStore> mailStore() {
        return Optional.of(MailStore.at(endpoint(), MailStore.Format.LOCALSTACK));
    }

    @Override
    public void close() {
        container.stop();
    }
}
