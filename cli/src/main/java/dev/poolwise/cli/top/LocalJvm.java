package dev.poolwise.cli.top;

import java.util.regex.Pattern;

import dev.poolwise.SecretMask;

/**
 * A JVM running on this machine as this user, as the Attach API lists it.
 *
 * @param pid         its process id
 * @param displayName what it runs: the main class or jar and its arguments, as the JVM published them; may be
 *                    empty, and may hold secrets (see {@link #describe()})
 */
public record LocalJvm(long pid, String displayName) {

    /**
     * An argument that names a secret ({@code --password}, {@code -token}...) followed by a separate value:
     * the value is masked. {@code --password=x} and passwords in JDBC URLs are {@link SecretMask}'s.
     */
    private static final Pattern SECRET_ARGUMENT = Pattern.compile(
            "(?i)((?:^|\\s)-{1,2}[\\w.-]*(?:password|pwd|secret|token)[\\w.-]*\\s+)(?!-)\\S+");

    /**
     * @return the display name with passwords masked (in JDBC URLs, {@code name=value} arguments and
     *         {@code --password value}), or {@code (no name)} when the JVM published none
     */
    public String describe() {
        if (displayName == null || displayName.isBlank()) {
            return "(no name)";
        }
        String masked = SecretMask.mask(displayName.strip());
        return SECRET_ARGUMENT.matcher(masked).replaceAll("$1****");
    }

    /** @return what it runs without its arguments: the main class, or the jar's path */
    public String mainClass() {
        String described = describe();
        int space = described.indexOf(' ');
        return described.equals("(no name)") || space < 0 ? described : described.substring(0, space);
    }
}
