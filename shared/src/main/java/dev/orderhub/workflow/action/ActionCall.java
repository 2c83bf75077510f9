package dev.orderhub.workflow.action;

import dev.orderhub.http.outbound.AddressRefused;
import dev.orderhub.provider.api.ApiHttp;
import dev.orderhub.provider.api.ProviderApiException;
import java.net.URI;
import java.util.Map;

/**
 * A workflow action's POST through the hub's one outgoing client ({@link ApiHttp}), with what its
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

    public static ApiHttp.Answer post(ApiHttp http, URI uri, String contentType, String body,
            Map<String, String> headers, String what, int maxAnswerBytes) {
        ApiHttp.Answer r;
        try {
            r = http.post(uri, contentType, body, headers, what, maxAnswerBytes);
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
