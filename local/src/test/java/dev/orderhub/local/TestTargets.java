package dev.orderhub.local;

import java.io.IOException;
import java.nio.file.Path;

/** The target the integration tests run on, as -Dorderhub.target selects it (the stand-ins by default). */
public final class TestTargets {
    private TestTargets() {}

    public static Target start(TargetKind kind, Path root) throws IOException {
        return switch (kind) {
            case STANDINS -> StandInsTarget.start(root);
            case LOCALSTACK -> LocalStackTarget.start();
            case AWS -> AwsTarget.fromEnvironment();
        };
    }
}
