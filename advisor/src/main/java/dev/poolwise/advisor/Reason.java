package dev.poolwise.advisor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Why a number is what it is: the rule, the formula with the numbers put in, the inputs by name, and the
 * sources of any catalog facts used.
 *
 * @param rule    the rule's name, e.g. {@code Little's law}
 * @param formula the formula with the inputs substituted, e.g. {@code ceil(50/s × 40ms × 1) + 1 = 3}
 * @param inputs  each input by name, in the order the formula uses them
 * @param sources citations for catalog facts among the inputs (source and date)
 */
public record Reason(String rule, String formula, Map<String, String> inputs, List<String> sources) {

    /** Copies the inputs and sources so the reason stays as it was made. */
    public Reason {
        inputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        sources = List.copyOf(sources);
    }

    /**
     * @param rule    the rule's name
     * @param formula the formula with the inputs substituted
     * @return a reason with no named inputs or sources
     */
    public static Reason of(String rule, String formula) {
        return new Reason(rule, formula, Map.of(), List.of());
    }

    /** @return the reason in one line for people: {@code rule: formula [sources]} */
    public String describe() {
        return rule + ": " + formula + (sources.isEmpty() ? "" : " [" + String.join("; ", sources) + "]");
    }
}
