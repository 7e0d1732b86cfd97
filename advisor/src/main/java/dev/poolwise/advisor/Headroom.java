package dev.poolwise.advisor;

import java.util.Locale;

/**
 * Connections Poolwise keeps free under a limit, for what is not the application's pools: admin sessions,
 * migrations, monitoring, clients that bypass the pooler. It is a margin of Poolwise's own, not a vendor's
 * limit: a fleet that eats into it gets a warning saying what the headroom was for, never "infeasible".
 * Given as a count ({@code 20}) or a percentage of the limit ({@code 15%}); by default
 * {@code max(5, 10% of the limit)} (20% on Supabase, after its own advice).
 *
 * @param connections a fixed number of connections, or {@code null} when {@code fraction} is given
 * @param fraction    a fraction of the limit (0.15 for 15%), or {@code null} when {@code connections} is given
 */
public record Headroom(Integer connections, Double fraction) {

    /** Checks that exactly one is given and within range. */
    public Headroom {
        if ((connections == null) == (fraction == null)) {
            throw new InvalidDeploymentException("database.headroom", connections != null ? connections : fraction,
                    "give a number of connections (20) or a percentage (15%), one of them");
        }
        Database.requireAtLeast("database.headroom", connections, 0);
        if (fraction != null && !(fraction >= 0 && fraction < 1)) {
            throw new InvalidDeploymentException("database.headroom", Math.round(fraction * 100) + "%",
                    "must be a percentage from 0% to 99%");
        }
    }

    /**
     * @param field the field being read, for the error message
     * @param text  {@code 20} (connections) or {@code 15%}
     * @return the headroom
     * @throws InvalidDeploymentException naming the field, the value and what is valid
     */
    public static Headroom parse(String field, String text) {
        String value = text.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        try {
            if (value.endsWith("%")) {
                double percent = Double.parseDouble(value.substring(0, value.length() - 1));
                if (!(percent >= 0 && percent < 100)) {
                    throw new InvalidDeploymentException(field, text.trim(), "must be a percentage from 0% to 99%");
                }
                return new Headroom(null, percent / 100);
            }
            return new Headroom(Integer.valueOf(value), null);
        } catch (NumberFormatException e) {
            throw new InvalidDeploymentException(field, text.trim(), "must be a number of connections (20) or a"
                    + " percentage of the limit (15%)");
        }
    }

    /**
     * @param limit the limit the headroom is kept under
     * @return the connections kept free, never more than {@code limit}
     */
    int of(int limit) {
        int kept = connections != null ? connections : (int) Math.ceil(fraction * limit - 1e-9);
        return Math.min(kept, limit);
    }

    /** @return the headroom as the user gave it: {@code 20} or {@code 15%} */
    String text() {
        return connections != null ? String.valueOf(connections) : SizingRules.number(fraction * 100) + "%";
    }
}
