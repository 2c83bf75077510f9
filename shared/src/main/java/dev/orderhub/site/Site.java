package dev.orderhub.site;

/** A seller's site (a "virtual website" need not exist on the web); its clientId is in every callback URL. */
public record Site(String clientId, String name, String status, String createdAt) {
    public boolean active() {
        return "active".equals(status);
    }
}
