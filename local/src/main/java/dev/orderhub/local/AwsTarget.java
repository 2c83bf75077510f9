package dev.orderhub.local;

import dev.orderhub.db.Ids;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A real account's endpoints, with the SDK's default credentials and the region of AWS_REGION
 * (else -Daws.region). Every table, queue and key of the run is named after a prefix of its own
 * and deleted when it ends, so that runs neither see nor leave each other's data. SES proper
 * keeps no copy of what it sent: tests that read e-mail back are skipped on this target.
 */
public final class AwsTarget implements Target {
    private final String region;
    private final String prefix;

    public AwsTarget(String region) {
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException("the aws target needs a region: set AWS_REGION (or -Daws.region)");
        }
        this.region = region.trim();
        this.prefix = "orderhub-test-" + Ids.random(8).toLowerCase(Locale.ROOT) + "-";
    }

    /** The region AWS_REGION names, else -Daws.region. */
    public static AwsTarget fromEnvironment() {
        String region = System.getenv("AWS_REGION");
        return new AwsTarget(region != null && !region.isBlank() ? region : System.getProperty("aws.region"));
    }

    @Override
    public TargetKind kind() {
        return TargetKind.AWS;
    }

    @Override
    public Map<String, String> endpoints() {
        return Map.of();
    }

    @Override
    public String region() {
        return region;
    }

    @Override
    public boolean emulated() {
        return false;
    }

    @Override
    public String resourcePrefix() {
        return prefix;
    }

    @Override
    public boolean sealsWithKms() {
        return true;
    }

    @Override
    public boolean deletesResourcesOnClose() {
        return true;
    }

    @Override
    public Optional<MailStore> mailStore() {
        return Optional.empty();
    }

    @Override
    public void close() {
        // nothing runs here: LocalHub deletes what it made under the prefix
    }
}
