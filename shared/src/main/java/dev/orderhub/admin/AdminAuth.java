package dev.orderhub.admin;

import dev.orderhub.crypto.Signatures;
import java.util.Optional;

/**
 * Resolves {@code Authorization: Bearer <key>} to a principal: the deployment's operator key
 * (configured only as its SHA-256, so the template never holds the key itself) or a site key.
 */
public final class AdminAuth {
    private final String operatorKeyHash;
    private final AdminKeys keys;

    public AdminAuth(String operatorKeyHash, AdminKeys keys) {
        this.operatorKeyHash = operatorKeyHash;
        this.keys = keys;
    }

    public Optional<AdminPrincipal> authenticate(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String key = authorizationHeader.substring(7).trim();
        if (key.isEmpty() || key.length() > 200) {
            return Optional.empty();
        }
        if (!operatorKeyHash.isEmpty() && Signatures.constantTimeEquals(operatorKeyHash, Signatures.sha256Hex(key))) {
            return Optional.of(AdminPrincipal.operator());
        }
        return keys.find(key);
    }
}
