package dev.poolwise.cli.top;

/**
 * A JVM running on this machine as this user, as the Attach API lists it.
 *
 * @param pid         its process id
 * @param displayName what it runs: the main class or jar and its arguments; may be empty
 */
public record LocalJvm(long pid, String displayName) {

    /** @return the display name, or {@code (no name)} when the JVM did not publish one */
    public String describe() {
        return displayName == null || displayName.isBlank() ? "(no name)" : displayName;
    }
}
