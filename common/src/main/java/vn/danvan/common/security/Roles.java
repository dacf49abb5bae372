package vn.danvan.common.security;

/** Realm roles of the installation (Keycloak realm "danvan"). */
public final class Roles {
    /** Everything, including the unit tree. */
    public static final String ADMIN = "admin";
    /** Creates and changes plans, reviews, models and recognitions inside their unit's subtree. */
    public static final String EDITOR = "editor";
    /** Reads inside their unit's subtree. */
    public static final String VIEWER = "viewer";

    private Roles() {
    }
}
