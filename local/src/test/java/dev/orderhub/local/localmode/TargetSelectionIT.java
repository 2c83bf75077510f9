package dev.orderhub.local.localmode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderhub.local.AwsTarget;
import dev.orderhub.local.LocalHub;
import dev.orderhub.local.LocalStackTarget;
import dev.orderhub.local.MailStore;
import dev.orderhub.local.StandInsTarget;
import dev.orderhub.local.TargetKind;
import dev.orderhub.local.TestTargets;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** -Dorderhub.target: which target the tests run on, and what each target gives the stack. */
class TargetSelectionIT {
    @Test
    void theStandInsUnlessAnotherTargetIsNamed() {
        assertThat(TargetKind.parse(null)).isEqualTo(TargetKind.STANDINS);
        assertThat(TargetKind.parse(" ")).isEqualTo(TargetKind.STANDINS);
        assertThat(TargetKind.parse("standins")).isEqualTo(TargetKind.STANDINS);
        assertThat(TargetKind.parse("LocalStack ")).isEqualTo(TargetKind.LOCALSTACK);
        assertThat(TargetKind.parse("aws")).isEqualTo(TargetKind.AWS);
    }

    @Test
    void anUnknownTargetIsRefusedNamingTheChoices() {
        assertThatThrownBy(() -> TargetKind.parse("docker"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-Dorderhub.target=docker")
                .hasMessageContaining("standins, localstack, aws");
    }

    @Test
    void withoutDockerTheLocalStackTargetIsSkippedSayingWhy() {
        assertThat(LocalStackTarget.unavailableReason(true)).isEmpty();
        assertThat(LocalStackTarget.unavailableReason(false)).get().asString().contains("Docker").contains("skipped");
    }

    @Test
    void onThisMachineTheLocalStackTargetAbortsRatherThanPassesWhenDockerIsAbsent() throws IOException {
        // Where a Docker engine answers, LocalStack starts; where none does, the start is an aborted
        // (skipped) test, never a silent pass or an error.
        boolean docker = org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
        org.junit.jupiter.api.Assumptions.assumeFalse(docker, "a Docker engine is present: nothing to check here");
        assertThatThrownBy(() -> TestTargets.start(TargetKind.LOCALSTACK, LocalHub.findRoot()))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("needs a Docker engine");
    }

    @Test
    void aRealAccountGetsAPrefixOfItsOwnKmsAndCleanUpButNoMailReadBack() {
        AwsTarget a = new AwsTarget("eu-west-1");
        AwsTarget b = new AwsTarget("eu-west-1");
        assertThat(a.resourcePrefix()).startsWith("orderhub-test-").endsWith("-").isNotEqualTo(b.resourcePrefix());
        assertThat(a.resourcePrefix()).matches("[a-z0-9-]+"); // valid in table and queue names
        assertThat(a.endpoints()).isEmpty();
        assertThat(a.emulated()).isFalse();
        assertThat(a.sealsWithKms()).isTrue();
        assertThat(a.deletesResourcesOnClose()).isTrue();
        assertThat(a.mailStore()).isEmpty();
        assertThatThrownBy(() -> new AwsTarget(" ")).hasMessageContaining("AWS_REGION");
    }

    @Test
    void theStandInsServeEveryServiceButKmsAndKeepTheirMailAtStore() throws IOException {
        try (StandInsTarget t = StandInsTarget.start(LocalHub.findRoot())) {
            Map<String, String> e = t.endpoints();
            assertThat(e).containsOnlyKeys("AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL_SQS", "AWS_ENDPOINT_URL_SES");
            assertThat(t.sealsWithKms()).isFalse();
            assertThat(t.mailStore().map(MailStore::url).map(Object::toString))
                    .isEqualTo(Optional.of(e.get("AWS_ENDPOINT_URL_SES") + "/store"));
            assertThat(t.mailStore().get().format()).isEqualTo(MailStore.Format.SES_V2_LOCAL);
            assertThat(t.mailStore().get().read()).isEmpty();
        }
    }
}
