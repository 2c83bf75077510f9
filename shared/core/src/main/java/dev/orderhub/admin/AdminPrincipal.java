package dev.orderhub.admin;

import java.util.Set;

/**
 * Who is calling the admin API. The deployment's operator key may create sites; every other
 * key sees only its own sites, and anything else is "not found" to it.
 */
public record AdminPrincipal(String keyId, AdminRole role, Set<String> sites, boolean deploymentOperator) {
    public static AdminPrincipal operator() {
        return new AdminPrincipal("operator", AdminRole.OWNER, Set.of(), true);
    }

    public boolean canSee(String clientId) {
        return deploymentOperator || sites.contains(clientId);
    }

    /** Review, match, status changes and replies: owners and operators, not viewers. */
    public boolean canOperate(String clientId) {
        return canSee(clientId) && role != AdminRole.VIEWER;
    }

    public boolean canConfigure(String clientId) {
        return canSee(clientId) && role == AdminRole.OWNER;
    }
}
