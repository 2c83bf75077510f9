package dev.orderhub.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;

/**
 * Builders for API Gateway HTTP API responses, for the functions' routes: each is the
 * {@link HttpAnswer} of the same name as API Gateway's response ({@link ApiGateway#response}).
 */
public final class HttpResponses {
    private HttpResponses() {}

    public static APIGatewayV2HTTPResponse json(int status, Object body) {
        return ApiGateway.response(HttpAnswer.json(status, body));
    }

    public static APIGatewayV2HTTPResponse empty(int status) {
        return ApiGateway.response(HttpAnswer.empty(status));
    }

    /** {@code {"error":{"code":..,"message":..[,"field":..]}}}: the hub's one error shape. */
    public static APIGatewayV2HTTPResponse error(int status, String code, String message, String field) {
        return ApiGateway.response(HttpAnswer.error(status, code, message, field));
    }

    public static APIGatewayV2HTTPResponse error(int status, String code, String message) {
        return error(status, code, message, null);
    }

    /** The error's answer ({@link ApiError#answer}). */
    public static APIGatewayV2HTTPResponse error(ApiError e) {
        return ApiGateway.response(e.answer());
    }

    public static APIGatewayV2HTTPResponse respond(int status, String body, Map<String, String> headers) {
        return ApiGateway.response(new HttpAnswer(status, headers, body));
    }
}
