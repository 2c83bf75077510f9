package dev.orderhub.site;

/** A seller's site (a "virtual website" need not exist on the web); its clientId is in every callback URL. */
public record Site(String clientId, String name, String status, String createdAt) {
    public static final String ACTIVE = "active";
    public static final String DISABLED = "disabled";
    public static final String DELETED = "deleted";

    public boolean active() {
        return ACTIVE.equals(status);
    }

    /** Soft-deleted: callbacks and the admin API treat the site as not found; its orders stay. */
    public boolean deleted() {
        return DELETED.equals(status);
    }
}
