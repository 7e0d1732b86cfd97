package dev.poolwise.advisor;

import java.util.List;

/**
 * The deployment lacks inputs the advisor cannot do without (for example the application's threads per
 * process); lists each one by its field path in a deployment file.
 */
public final class MissingInputsException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final List<String> missing;

    /** @param missing the missing fields, each as {@code path: what it is}, e.g. {@code application.threads: ...} */
    public MissingInputsException(List<String> missing) {
        super("missing inputs: " + String.join("; ", missing));
        this.missing = List.copyOf(missing);
    }

    /** @return the missing fields, each as {@code path: what it is} */
    public List<String> missing() {
        return missing;
    }
}
