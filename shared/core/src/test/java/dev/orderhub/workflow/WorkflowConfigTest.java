package dev.orderhub.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkflowConfigTest {
    @Test
    void readsEverySettingAndTreatsBlankAsUnset() {
        WorkflowConfig c = WorkflowConfig.from(Map.of("WORKFLOW_RUNS_QUEUE_URL", "http://q/runs",
                "WORKFLOW_RUNS_DEAD_LETTER_QUEUE_URL", "http://q/dead", "MAIL_CONFIGURATION_SET", "orderhub",
                "MAIL_SEND_EVENT_WAIT_SECONDS", " 6 ")::get);
        assertThat(c).isEqualTo(new WorkflowConfig("http://q/runs", "http://q/dead", "orderhub", Duration.ofSeconds(6)));

        WorkflowConfig blank = WorkflowConfig.from(Map.of("WORKFLOW_RUNS_QUEUE_URL", " ", "WORKFLOW_RUNS_DEAD_LETTER_QUEUE_URL", "",
                "MAIL_CONFIGURATION_SET", "  ", "MAIL_SEND_EVENT_WAIT_SECONDS", " ")::get);
        assertThat(blank).isEqualTo(new WorkflowConfig(null, null, null, Duration.ofMinutes(5)));
        assertThat(WorkflowConfig.from(name -> null)).isEqualTo(blank);
    }

    @Test
    void aSendEventWaitThatIsNoNumberOfSecondsIsRefusedNamingTheSetting() {
        for (String wrong : new String[] {"-1", "5m", "1.5"}) {
            assertThatThrownBy(() -> WorkflowConfig.from(Map.of("MAIL_SEND_EVENT_WAIT_SECONDS", wrong)::get))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("MAIL_SEND_EVENT_WAIT_SECONDS must be a number of seconds (0 or more), was: " + wrong);
        }
    }
}
