package dev.orderhub.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** The default target: dynalite, ElasticMQ and aws-ses-v2-local on this machine (no KMS: a key of this run seals). */
public final class StandInsTarget implements Target {
    private final StandIns standIns;

    private StandInsTarget(StandIns standIns) {
        this.standIns = standIns;
    }

    public static StandInsTarget start(Path root) throws IOException {
        return start(root, StandIns.Ports.ANY);
    }

    public static StandInsTarget start(Path root, StandIns.Ports ports) throws IOException {
        return new StandInsTarget(StandIns.start(root, ports));
    }

    @Override
    public TargetKind kind() {
        return TargetKind.STANDINS;
    }

    @Override
    public Map<String, String> endpoints() {
        return Map.of("AWS_ENDPOINT_URL_DYNAMODB", standIns.dynamoDb().toString(),
                "AWS_ENDPOINT_URL_SQS", standIns.sqs().toString(),
                "AWS_ENDPOINT_URL_SES", standIns.ses().toString());
    }

    @Override
    public String region() {
        return LocalHub.REGION;
    }

    @Override
    public boolean emulated() {
        return true;
    }

    @Override
    public String resourcePrefix() {
        return "orderhub-local-";
    }

    @Override
    public boolean sealsWithKms() {
        return false;
    }

    @Override
    public boolean deletesResourcesOnClose() {
        return false; // the stand-ins keep their data in memory and end with the run
    }

    @Override
    public Optional<MailStore> mailStore() {
        return Optional.of(MailStore.at(standIns.ses(), MailStore.Format.SES_V2_LOCAL));
    }

    @Override
    public Optional<StandIns> standIns() {
        return Optional.of(standIns);
    }

    @Override
    public void close() {
        standIns.close();
    }
}
