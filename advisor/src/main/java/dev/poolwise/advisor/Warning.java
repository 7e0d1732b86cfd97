package dev.poolwise.advisor;

/**
 * Something the user should know or change, in plain words.
 *
 * @param code    a stable identifier for tests and machines, e.g. {@code FLEET_OVER_BUDGET}
 * @param message the warning for people, with the numbers involved
 */
public record Warning(String code, String message) {
}
