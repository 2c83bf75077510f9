package dev.orderhub.local.localmode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.local.TestHub;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/**
 * The JDK's HTTP server reads its settings once, when the first server of the JVM starts; local
 * mode starts two (the SES stand-in's event tap, then the gateway). Without TCP_NODELAY, a
 * response written in two parts waits for the client's delayed ACK: 40 ms per callback on Linux,
 * which capped the load run's callbacks at 8 / 0.05 s whatever the hub did, and nothing API
 * Gateway does. The setting is read back from the server's own configuration, not from the
 * system property, which was set (too late) all along.
 */
class LoopbackServerIT {
    @Test
    void theServersOfLocalModeSendWithoutWaitingForAcks() throws Exception {
        TestHub.get();
        Class<?> config = Class.forName("sun.net.httpserver.ServerConfig");
        Method noDelay = config.getDeclaredMethod("noDelay");
        noDelay.setAccessible(true);
        assertThat((boolean) noDelay.invoke(null)).as("TCP_NODELAY on the local servers' connections").isTrue();
    }
}
