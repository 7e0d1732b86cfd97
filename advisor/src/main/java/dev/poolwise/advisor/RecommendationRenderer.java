package dev.poolwise.advisor;

/** Writes a {@link Recommendation} in one target's format. One implementation per format. */
public interface RecommendationRenderer {

    /**
     * @param recommendation the recommendation
     * @return its rendering, ending with a newline
     * @throws InfeasibleRecommendationException when the format is a configuration and none can work
     */
    String render(Recommendation recommendation);

    /**
     * @param recommendation the recommendation a configuration format is asked for
     * @throws InfeasibleRecommendationException when it is infeasible
     */
    static void requireFeasible(Recommendation recommendation) {
        if (!recommendation.isFeasible()) {
            throw new InfeasibleRecommendationException(recommendation);
        }
    }
}
