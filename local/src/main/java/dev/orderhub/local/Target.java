package dev.orderhub.local;

import java.util.Map;
import java.util.Optional;

/**
 * Where a {@link LocalHub}'s AWS services live: the stand-ins on this machine, LocalStack, or a
 * real account. Everything else (the template's tables and queues, the functions, the gateway,
 * reading back sent e-mail) goes through the same code for each; a target only says which
 * endpoints to call, with what credentials, under which name prefix, and where its sent e-mail
 * can be read back.
 */
public interface Target extends AutoCloseable {
    /** As -Dorderhub.target names it. */
    TargetKind kind();

    /** AWS_ENDPOINT_URL_&lt;SERVICE&gt; for each service it serves itself; empty means AWS's own regional endpoints. */
    Map<String, String> endpoints();

    String region();

    /** True for an emulator, which takes any static credentials; false for a real account (the SDK's default chain). */
    boolean emulated();

    /** What the template's tables and queues are named after. */
    String resourcePrefix();

    /** Whether secrets are sealed with a KMS key made in the target (else with a key of this run, as local mode does). */
    boolean sealsWithKms();

    /** Whether the tables, queues and key made for this run are deleted when it ends (a shared account keeps nothing). */
    boolean deletesResourcesOnClose();

    /** Where the e-mail sent through its SES can be read back; empty when it keeps none (SES proper). */
    Optional<MailStore> mailStore();

    /** The stand-in processes, for fault injection; empty for any other target. */
    default Optional<StandIns> standIns() {
        return Optional.empty();
    }

    @Override
    void close();
}
