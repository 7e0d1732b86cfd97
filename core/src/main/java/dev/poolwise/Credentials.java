package dev.poolwise;

/**
 * A username and password for one new physical connection. {@link #toString()} never shows the password.
 *
 * @param username the user name, or {@code null} to let the driver decide
 * @param password the password, or {@code null}
 */
public record Credentials(String username, String password) {

    /**
     * Masks the password: {@code Credentials[username=app, password=****]}.
     */
    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=" + (password == null ? "null" : "****") + "]";
    }
}
