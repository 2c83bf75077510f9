package dev.orderhub.workflow;

import java.util.ArrayList;
import java.util.List;

/** The runs queue in memory: what was queued, in order. */
public final class RecordingRunQueue implements RunQueue {
    public final List<RunRequest> queued = new ArrayList<>();

    @Override
    public void send(List<RunRequest> runs) {
        queued.addAll(runs);
    }
}
