package dev.poolwise;

import java.util.List;

/**
 * A pool configuration with one or more bad settings. The message lists every problem found, each with the
 * setting's key, the value given and what would be valid, so that one run shows everything to fix.
 */
public final class PoolConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** One line per bad setting. */
    private final List<String> problems;

    /**
     * @param problems one line per bad setting, e.g. {@code maximumPoolSize = 0: must be at least 1}
     */
    public PoolConfigException(List<String> problems) {
        super(format(problems));
        this.problems = List.copyOf(problems);
    }

    /**
     * @return one line per bad setting, in the order they were found
     */
    public List<String> problems() {
        return problems;
    }

    private static String format(List<String> problems) {
        StringBuilder text = new StringBuilder("Invalid Poolwise configuration (")
                .append(problems.size()).append(problems.size() == 1 ? " problem):" : " problems):");
        for (String problem : problems) {
            text.append(System.lineSeparator()).append("  - ").append(problem);
        }
        return text.toString();
    }
}
