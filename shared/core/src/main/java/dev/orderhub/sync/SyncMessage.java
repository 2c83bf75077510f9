package dev.orderhub.sync;

/** The sync-jobs queue's message: go on with this run of this site's sync with this provider. */
public record SyncMessage(String clientId, String provider, String runId) {}
