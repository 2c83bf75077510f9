package dev.orderhub.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderhub.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Where an SES emulator keeps the e-mail sent through it, and how to read it: aws-ses-v2-local
 * serves {@code GET /store}, LocalStack {@code GET /_aws/ses}. Both are read into one shape,
 * aws-ses-v2-local's: {@code messageId, from, destination{to,cc,bcc}, subject, body{text,html}}.
 */
public record MailStore(URI url, Format format) {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public enum Format {
        /** {@code {"emails":[{messageId, from, destination:{to,cc,bcc}, subject, body:{text,html}, ...}]}}: already the shape. */
        SES_V2_LOCAL("/store") {
            @Override
            public List<JsonNode> parse(String json) {
                List<JsonNode> out = new ArrayList<>();
                Json.parse(json).path("emails").forEach(out::add);
                return out;
            }
        },
        /**
         * {@code {"messages":[{Id, Region, Timestamp, Source, Destination:{ToAddresses,CcAddresses,BccAddresses},
         * Subject, Body:{text_part, html_part}}]}}, as LocalStack's SES keeps each SendEmail.
         */
        LOCALSTACK("/_aws/ses") {
            @Override
            public List<JsonNode> parse(String json) {
                List<JsonNode> out = new ArrayList<>();
                for (JsonNode m : Json.parse(json).path("messages")) {
                    ObjectNode mail = Json.MAPPER.createObjectNode();
                    mail.set("messageId", present(m.path("Id")));
                    mail.set("from", present(m.path("Source")));
                    ObjectNode destination = mail.putObject("destination");
                    destination.set("to", addresses(m.path("Destination").path("ToAddresses")));
                    destination.set("cc", addresses(m.path("Destination").path("CcAddresses")));
                    destination.set("bcc", addresses(m.path("Destination").path("BccAddresses")));
                    mail.set("subject", present(m.path("Subject")));
                    ObjectNode body = mail.putObject("body");
                    body.set("text", present(m.path("Body").path("text_part")));
                    body.set("html", present(m.path("Body").path("html_part")));
                    mail.set("at", present(m.path("Timestamp")));
                    out.add(mail);
                }
                return out;
            }

            /** A field LocalStack left out (html_part of a text-only mail) as null, as the stand-in shows it. */
            private JsonNode present(JsonNode n) {
                return n.isMissingNode() ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : n;
            }

            private ArrayNode addresses(JsonNode list) {
                ArrayNode a = Json.MAPPER.createArrayNode();
                list.forEach(a::add);
                return a;
            }
        };

        private final String path;

        Format(String path) {
            this.path = path;
        }

        /** The store's path on the emulator's endpoint. */
        public String path() {
            return path;
        }

        /** Every e-mail in the store's answer, in aws-ses-v2-local's shape. */
        public abstract List<JsonNode> parse(String json);
    }

    /** The store of the emulator serving SES at {@code sesEndpoint}. */
    public static MailStore at(URI sesEndpoint, Format format) {
        return new MailStore(sesEndpoint.resolve(format.path()), format);
    }

    /** Every e-mail sent so far. */
    public List<JsonNode> read() {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(20)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("reading sent e-mail from " + url + " failed: " + r.statusCode() + " " + r.body());
            }
            return format.parse(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException("reading sent e-mail from " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading sent e-mail from " + url, e);
        }
    }
}
