package dev.orderhub.workflow.action;

import dev.orderhub.provider.api.ApiHttp;
import dev.orderhub.provider.api.ProviderApiException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * A workflow action's POST through the hub's one outgoing client ({@link ApiHttp}), with what its
 * answer means for the action: retries spent (network, 5xx, 409, 429) is a transient failure, so
 * the run's message is retried later with the same idempotency key; a 4xx is the receiver's final
 * word, a permanent failure. The receiver's error body is not kept: it may echo request data.
 */
final class ActionCall {
    private ActionCall() {
    }

    static HttpResponse<String> post(ApiHttp http, URI uri, String contentType, String body,
            Map<String, String> headers, String what) {
        HttpResponse<String> r;
        try {
            r = http.post(uri, contentType, body, headers, what);
        } catch (ProviderApiException e) {
            throw ActionFailed.transientFailure(e.getMessage());
        }
        if (r.statusCode() < 200 || r.statusCode() >= 300) {
            throw ActionFailed.permanent(what + " was refused: HTTP " + r.statusCode());
        }
        return r;
    }
}
