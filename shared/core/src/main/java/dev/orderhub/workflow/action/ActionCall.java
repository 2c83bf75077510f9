package dev.orderhub.workflow.action;

import dev.orderhub.http.outbound.AddressRefused;
import dev.orderhub.provider.api.OutboundHttp;
import dev.orderhub.provider.api.ProviderApiException;
import java.net.URI;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A workflow action's POST through the hub's one outgoing client ({@link OutboundHttp}), with what its
 * answer means for the action: retries spent (network, 5xx, 409, 429) is a transient failure, so
 * the run's message is retried later with the same idempotency key; a 4xx is the receiver's final
 * word, and an address outbound calls may not reach is refused for good: permanent failures. The
 * failure says only "refused: address not allowed" or "failed: HTTP 503" / "failed: no answer"
 * (the run record is shown to the site's viewers: no exception of the network stack, which
 * would tell a port scanner what listens where). The receiver's body is not kept: it may echo
 * request data.
 */
public final class ActionCall {
    private ActionCall() {
    }

    /** As below, reading at most the client's bound of the answer. */
    public static OutboundHttp.Answer post(OutboundHttp http, URI uri, String contentType, String body,
            Map<String, String> headers, String what) {
        return call(() -> http.post(uri, contentType, body, headers, what), what);
    }

    public static OutboundHttp.Answer post(OutboundHttp http, URI uri, String contentType, String body,
            Map<String, String> headers, String what, int maxAnswerBytes) {
        return call(() -> http.post(uri, contentType, body, headers, what, maxAnswerBytes), what);
    }

    private static OutboundHttp.Answer call(Supplier<OutboundHttp.Answer> post, String what) {
        OutboundHttp.Answer r;
        try {
            r = post.get();
        } catch (AddressRefused e) {
            throw ActionFailed.permanent(what + " " + AddressRefused.MESSAGE);
        } catch (ProviderApiException e) {
            throw ActionFailed.transientFailure(what + " failed: " + e.problem());
        }
        if (r.statusCode() < 200 || r.statusCode() >= 300) {
            throw ActionFailed.permanent(what + " failed: HTTP " + r.statusCode());
        }
        return r;
    }
}
