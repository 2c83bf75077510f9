package dev.orderhub.admin;

import dev.orderhub.crypto.Signatures;
import java.util.List;
import java.util.Optional;

/**
 * Resolves {@code Authorization: Bearer <key>} to a principal: the deployment's operator key
 * (configured only as its SHA-256, so the template never holds the key itself) or a site key.
 * Two operator key hashes may be configured at once, the current and the next one, so that the
 * operator key is rotated without a moment in which neither the old nor the new key works.
 */
public final class AdminAuth {
    private final List<String> operatorKeyHashes;
    private final AdminKeys keys;

    /** @param operatorKeyHashes SHA-256 (hex) of each key that is the deployment's operator; blank ones are ignored */
    public AdminAuth(List<String> operatorKeyHashes, AdminKeys keys) {
        this.operatorKeyHashes = operatorKeyHashes.stream().filter(h -> h != null && !h.isBlank()).toList();
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
        String hash = Signatures.sha256Hex(key);
        boolean operator = false;
        for (String h : operatorKeyHashes) {
            operator |= Signatures.constantTimeEquals(h, hash); // every hash compared: the time says nothing of which
        }
        if (operator) {
            return Optional.of(AdminPrincipal.operator());
        }
        return keys.find(key);
    }
}
