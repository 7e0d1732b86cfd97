package dev.poolwise.advisor;

import java.util.List;

/**
 * Why no configuration can work for the deployment as given, and what would fix it.
 *
 * @param code    a stable identifier, e.g. {@code DEADLOCK_FLOOR_OVER_BUDGET}
 * @param message what cannot be satisfied, with the numbers
 * @param fixes   changes that would make it feasible, each in plain words with a number where one helps
 */
public record Infeasibility(String code, String message, List<String> fixes) {

    /** Copies the fixes. */
    public Infeasibility {
        fixes = List.copyOf(fixes);
    }
}
