package dev.poolwise.internal.sizing;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fleet's connections as one count on the server saw them.
 *
 * @param basis        what the count could tell apart
 * @param byInstance   open connections per instance id, for labels that name an instance; sorted by id, so
 *                     that every instance reading the same count walks it in the same order
 * @param unattributed connections counted for the fleet that name no instance: labelled with the bare
 *                     application name, or, when counted {@link Basis#BY_USER}, all of them (this pool's own
 *                     included)
 */
public record FleetCount(Basis basis, Map<String, Integer> byInstance, int unattributed) {

    /** What a count could tell apart. */
    public enum Basis {
        /** Client labels were read: connections are known per instance. */
        BY_LABEL,
        /**
         * Only the database user could be matched (MariaDB or MySQL without {@code performance_schema}): every
         * connection of the fleet's user counts, whatever application it serves. An upper bound of the fleet,
         * which is the safe side of a budget, and no way to tell instances apart.
         */
        BY_USER
    }

    /** Copies the map sorted, and rejects negative counts. */
    public FleetCount {
        byInstance = Collections.unmodifiableSortedMap(new TreeMap<>(byInstance));
        if (unattributed < 0 || byInstance.values().stream().anyMatch(n -> n < 0)) {
            throw new IllegalArgumentException(
                    "fleet counts must be >= 0: " + byInstance + ", unattributed=" + unattributed);
        }
    }

    /** @return every connection counted for the fleet */
    public int total() {
        int sum = unattributed;
        for (int n : byInstance.values()) {
            sum += n;
        }
        return sum;
    }

    /**
     * @param instance an instance id
     * @return its connections in this count, 0 when it has none (or none yet visible)
     */
    public int of(String instance) {
        return byInstance.getOrDefault(instance, 0);
    }
}
