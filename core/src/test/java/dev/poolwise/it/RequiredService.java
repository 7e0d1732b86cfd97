package dev.poolwise.it;

import org.junit.jupiter.api.Assumptions;

/**
 * What a test does when a service it needs (MariaDB, a JDK 21+) is not there: on a developer's machine the
 * test is skipped with a message saying what is missing; under CI ({@code CI=true}, as GitHub Actions, GitLab
 * and most CI systems set it) it fails, because a CI run that skips the integration tests proves nothing.
 */
public final class RequiredService {

    private RequiredService() {
    }

    /** @return whether the {@code CI} environment variable is {@code true} */
    public static boolean underCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * Skips the calling test, or fails it under CI.
     *
     * @param missing what is missing and where it was looked for, e.g.
     *                {@code MariaDB not reachable at 127.0.0.1:3306 (root, no password, database test)}
     * @param cause   why it was found missing, or {@code null}
     */
    public static void missing(String missing, Throwable cause) {
        String detail = cause == null ? "" : ": " + cause;
        if (underCi()) {
            throw new AssertionError(missing + detail + " (CI=true, so this test may not be skipped)", cause);
        }
        Assumptions.abort(missing + detail + " (skipped outside CI; under CI=true this fails)");
    }
}
