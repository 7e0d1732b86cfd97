package dev.poolwise.advisor;

/**
 * A deployment input that cannot be used: names the field (as written in a deployment file, e.g.
 * {@code database.compute}), the value given, and what would be valid.
 */
public final class InvalidDeploymentException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final String value;
    private final String valid;

    /**
     * @param field the field's path in a deployment file, e.g. {@code application.max_instances}
     * @param value the value given, as text
     * @param valid what would be valid, e.g. {@code one of 0.25, 0.5, 1} or {@code at least 1}
     */
    public InvalidDeploymentException(String field, Object value, String valid) {
        super(field + " = " + value + ": " + valid);
        this.field = field;
        this.value = String.valueOf(value);
        this.valid = valid;
    }

    /** @return the field's path in a deployment file, e.g. {@code database.compute} */
    public String field() {
        return field;
    }

    /** @return the value given, as text */
    public String value() {
        return value;
    }

    /** @return what would be valid */
    public String valid() {
        return valid;
    }
}
