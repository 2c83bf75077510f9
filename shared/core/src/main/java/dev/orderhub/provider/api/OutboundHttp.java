package dev.orderhub.provider.api;

import dev.orderhub.http.outbound.AddressPolicy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The hub's outgoing HTTP calls as the code that makes them sees them: provider look-ups, sync
 * pages, payment commands and outgoing webhooks. A call is retried until a final answer (2xx, or a
 * 4xx other than 409 and 429); when the retries are spent a {@link ProviderApiException} says why.
 * The one implementation ({@code ApiHttp}) reaches only public addresses it checked at that call,
 * within one deadline per attempt, and follows no redirect: an address outbound calls may not reach
 * is refused with {@link dev.orderhub.http.outbound.AddressRefused}, never retried.
 */
public interface OutboundHttp {
    /** What is read of a webhook receiver's answer: its status and a few KiB, never kept. */
    int WEBHOOK_ANSWER_BYTES = 4 * 1024;

    /** A final answer: its status, headers (lower-case names) and at most the bound of its body. */
    record Answer(int statusCode, Map<String, String> headers, byte[] bytes, boolean truncated, String what) {
        /** The body as UTF-8; an answer longer than the bound has no usable body. */
        public String body() {
            if (truncated) {
                throw new ProviderApiException(what + ": answer larger than " + bytes.length + " bytes", "answer too large");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** POSTs {@code body} with the given headers until a final answer, reading at most the client's bound of it. */
    Answer post(URI uri, String contentType, String body, Map<String, String> headers, String what);

    /** As above, reading at most {@code maxAnswerBytes} of the answer (never more than the client's bound). */
    Answer post(URI uri, String contentType, String body, Map<String, String> headers, String what, int maxAnswerBytes);

    /** GETs {@code uri} until a final answer. */
    Answer get(URI uri, Map<String, String> headers, String what);

    /** Where this client's calls may go. */
    AddressPolicy addresses();

    /**
     * The API base a provider calls: the configuration's setting of {@code name} (a stand-in in local mode and the
     * tests), else {@code fallback}, the provider's public API.
     */
    URI baseUrl(String name, String fallback);
}
