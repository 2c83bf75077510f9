package dev.orderhub.admin;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The admin key authorizer's answer as API Gateway passes it on: a flat map of strings in
 * {@code requestContext.authorizer.lambda}. Written by the authorizer, read by the admin
 * function, so both sides use this one class.
 */
public final class AuthorizerContext {
    static final String AUTHENTICATED = "authenticated";
    static final String KEY_ID = "keyId";
    static final String ROLE = "role";
    static final String SITES = "sites";
    static final String OPERATOR = "operator";

    private AuthorizerContext() {}

    /** The context for a caller: who it is, or {@code authenticated: "false"} for a missing or bad key. */
    public static Map<String, Object> of(Optional<AdminPrincipal> principal) {
        Map<String, Object> context = new LinkedHashMap<>();
        if (principal.isEmpty()) {
            context.put(AUTHENTICATED, "false");
            return context;
        }
        AdminPrincipal who = principal.get();
        context.put(AUTHENTICATED, "true");
        context.put(KEY_ID, who.keyId());
        context.put(ROLE, who.role().wire());
        context.put(SITES, String.join(",", who.sites().stream().sorted().toList()));
        context.put(OPERATOR, String.valueOf(who.deploymentOperator()));
        return context;
    }

    /** The principal a context names; empty when the authorizer found no valid key. */
    public static Optional<AdminPrincipal> principal(Map<String, Object> context) {
        if (!"true".equals(String.valueOf(context.get(AUTHENTICATED)))) {
            return Optional.empty();
        }
        String sites = String.valueOf(context.getOrDefault(SITES, ""));
        Set<String> siteSet = sites.isEmpty() ? Set.of()
                : Arrays.stream(sites.split(",")).collect(Collectors.toUnmodifiableSet());
        return Optional.of(new AdminPrincipal(String.valueOf(context.get(KEY_ID)),
                AdminRole.fromWire(String.valueOf(context.get(ROLE))), siteSet,
                "true".equals(String.valueOf(context.get(OPERATOR)))));
    }
}
