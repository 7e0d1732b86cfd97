package dev.poolwise.advisor.inspect;

import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.fail;

/** What a test does when a service or tool it needs is missing: skip outside CI, fail under {@code CI=true}. */
final class RequiredService {

    private RequiredService() {
    }

    /**
     * @param available whether the service is there
     * @param missing   what is missing and how to get it, for the skip or failure message
     */
    static void require(boolean available, String missing) {
        if (available) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(missing + " (CI=true: this test may not be skipped)");
        }
        Assumptions.abort(missing + "; skipped outside CI");
    }
}
