package dev.poolwise;

import dev.poolwise.internal.JdbcUrlMask;

/**
 * Hides passwords in text before it is shown: a JDBC URL, a driver's error message, a command line. The pool
 * applies the same masking to everything it logs, reports or throws; use this where your own code repeats such
 * text (an error page, a CLI message, a log line of your own).
 *
 * <p>Masked, each replaced by {@code ****}:
 * <ul>
 *   <li>user info in a URL anywhere in the text: {@code jdbc:mariadb://root:****@db:3306/app};</li>
 *   <li>parameters whose name holds a secret word, in any separator drivers use:
 *       {@code password=****}, {@code pwd=****}, {@code sslpassword=****}, {@code SecretAccessKey=****},
 *       {@code token=****}, quoted or braced values included;</li>
 *   <li>Oracle's {@code user/password@}: {@code scott/****@//db:1521/svc}, {@code scott/****@db:1521/svc}.</li>
 * </ul>
 * Text without such a form comes back unchanged. Masking is best effort for free text: prefer keeping passwords
 * out of URLs (the {@code password} setting, or a {@link CredentialsProvider}).
 */
public final class SecretMask {

    private SecretMask() {
    }

    /**
     * @param text any text, or {@code null}
     * @return the text with every password it recognizes replaced by {@code ****}; {@code null} for {@code null}
     */
    public static String mask(String text) {
        return JdbcUrlMask.mask(text);
    }
}
