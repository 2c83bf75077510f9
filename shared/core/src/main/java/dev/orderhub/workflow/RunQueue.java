package dev.orderhub.workflow;

import java.util.List;

/** Where planned workflow runs go to be run. Throws if any run was not queued (the caller's message is then retried). */
public interface RunQueue {
    void send(List<RunRequest> runs);
}
