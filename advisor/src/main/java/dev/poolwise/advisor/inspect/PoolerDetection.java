package dev.poolwise.advisor.inspect;

import java.util.List;

/**
 * Whether the inspected connection went through a connection pooler (PgBouncer and its kin) rather than
 * straight to the server, and in which pool mode, with the evidence for each conclusion.
 *
 * @param detected whether a pooler was seen
 * @param mode     {@code session} or {@code transaction} when told, {@code null} when no pooler was seen or its
 *                 mode could not be told
 * @param evidence what was observed, in plain words (also when nothing was detected)
 */
public record PoolerDetection(boolean detected, String mode, List<String> evidence) {

    /** Checks the mode and copies the evidence. */
    public PoolerDetection {
        if (mode != null && !mode.equals("session") && !mode.equals("transaction")) {
            throw new IllegalArgumentException("mode " + mode + ": must be session, transaction or null");
        }
        if (!detected && mode != null) {
            throw new IllegalArgumentException("mode " + mode + ": only a detected pooler has a mode");
        }
        evidence = List.copyOf(evidence);
    }

    /**
     * @param evidence why nothing was detected, or what was not checked
     * @return no pooler seen
     */
    public static PoolerDetection none(List<String> evidence) {
        return new PoolerDetection(false, null, evidence);
    }
}
