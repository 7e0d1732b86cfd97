package dev.poolwise.advisor.inspect;

import java.time.Duration;

/**
 * One server setting as read, e.g. PostgreSQL's {@code idle_session_timeout} or MySQL's {@code wait_timeout}.
 *
 * @param name     the setting's name on the server
 * @param value    the value as the server shows it, with its unit, e.g. {@code 0}, {@code 300000ms}, {@code 28800s}
 * @param duration the value as a duration, or {@code null} when it is not one (e.g. a probe count); zero when
 *                 the server reads 0
 * @param meaning  what the value means here, e.g. {@code off}, {@code the OS default}, {@code ends sessions idle
 *                 for 5m}
 */
public record ServerSetting(String name, String value, Duration duration, String meaning) {

    /** Checks that the name and value are set. */
    public ServerSetting {
        if (name == null || value == null) {
            throw new IllegalArgumentException("name and value must be set");
        }
        if (meaning == null) {
            meaning = "";
        }
    }

    /** @return whether the setting is a duration greater than zero (a timeout that is on) */
    public boolean isOn() {
        return duration != null && !duration.isZero() && !duration.isNegative();
    }
}
