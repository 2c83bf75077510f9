package dev.orderhub.provider;

import dev.orderhub.provider.api.OutboundHttp;
import dev.orderhub.sync.SyncSource;

/** A provider's list APIs, which a sync walks page by page into normalized records. */
@FunctionalInterface
public interface HistorySync {
    SyncSource source(OutboundHttp http);
}
