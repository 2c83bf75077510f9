package dev.orderhub.http.outbound;

import java.net.URI;
import java.util.Locale;

/**
 * Where outgoing calls may go, as the code that saves or sends to a URL asks it: whether a URL may
 * be saved, and whether the local stand-ins of tests and local mode may be reached. The one
 * implementation ({@code OutboundAddresses}) judges a host by what it resolves to.
 */
public interface AddressPolicy {
    /**
     * Why a URL to be saved must not be (a webhook's, checked again at every send), or null. A name
     * that does not resolve now is accepted: the send refuses it if it then resolves inside.
     */
    String problem(URI uri);

    /** Whether loopback addresses (and plain http to them) may be reached: tests and local mode only. */
    boolean loopbackAllowed();

    /** The host as the hub uses it: lower case, without a trailing dot (which names the same host). */
    static String host(URI uri) {
        String h = uri.getHost();
        if (h == null) {
            return null;
        }
        h = h.toLowerCase(Locale.ROOT);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }
}
