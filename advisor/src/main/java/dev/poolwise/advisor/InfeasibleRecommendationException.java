package dev.poolwise.advisor;

import java.util.stream.Collectors;

/**
 * A configuration was asked for, but no configuration can work for the deployment: the message says why and
 * what would fix it.
 */
public final class InfeasibleRecommendationException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** @param recommendation the infeasible recommendation */
    public InfeasibleRecommendationException(Recommendation recommendation) {
        super("no configuration can work: " + recommendation.infeasibilities().stream()
                .map(i -> i.message() + " Fix: " + String.join("; or ", i.fixes()) + ".")
                .collect(Collectors.joining(" ")));
    }
}
