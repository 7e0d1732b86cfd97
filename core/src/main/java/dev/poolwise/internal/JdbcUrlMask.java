package dev.poolwise.internal;

import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides secrets before text reaches a log, an exception, JMX or a report. {@link #mask(String)} takes a JDBC URL
 * or any free text that may repeat one (a driver's error message, a command line), and replaces with
 * {@code ****} every password written in one of the forms drivers and their users write:
 * <ul>
 *   <li>user info anywhere in the text: {@code jdbc:mariadb://root:SECRET@host}, {@code postgres://app:SECRET@db};</li>
 *   <li>a parameter whose name holds a secret word, in any separator drivers use ({@code ?&;:,(} or a space):
 *       {@code password=}, {@code pwd=}, {@code sslpassword=}, {@code SecretAccessKey=}, {@code token=}, with a
 *       bare, quoted ({@code 'se cret'}, {@code "se cret"}) or braced ({@code {se;cret}}) value;</li>
 *   <li>Oracle's {@code user/SECRET@}: {@code scott/SECRET@//host:1521/svc}, {@code scott/SECRET@host:1521/svc},
 *       {@code jdbc:oracle:thin:scott/SECRET@host:1521:orcl}, {@code scott/"p@ss"@alias}.</li>
 * </ul>
 * Text without such a form is returned unchanged: a driver's message stays readable
 * ({@code password authentication failed for user "app"}, {@code ORA-01017: invalid username/password}).
 */
public final class JdbcUrlMask {

    static final String MASK = "****";

    /** A quoted value keeps its quotes; a braced one (SQL Server) may hold separators; else up to a separator. */
    private static final String VALUE = "('[^']*'|\"[^\"]*\"|\\{[^}]*\\}|[^&;,)'\"\\s]*)";

    /**
     * A parameter whose name contains a secret word ({@code password}, {@code sslpassword}, {@code SecretAccessKey},
     * {@code SessionToken}, {@code private_key_file_pwd}). The name must start after a separator so that a word
     * such as {@code nopassword} inside another value is not taken for a name.
     */
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)((?:^|[?&;:,(\\s])[\\w.-]*(?:password|pwd|secret|token|access[_-]?key)[\\w.-]*\\s*=\\s*)" + VALUE);
    /**
     * {@code scheme://user:secret@host}: greedy up to the last {@code @} of the authority so that a password may
     * contain one, but never across a space, so that free text after the URL survives.
     */
    private static final Pattern USER_INFO = Pattern.compile("(//[^/:@?;\\s]*:)([^/?;\\s]*)(@)");
    /**
     * Oracle's {@code user/password@connect-identifier}, after a start, space, {@code :} (as in
     * {@code jdbc:oracle:thin:}), quote, {@code (} or {@code =}; a password holding {@code @} or {@code /} must
     * be quoted in Oracle's syntax. An unquoted one holds no {@code ?=&;}, so that a URL path followed by a
     * query with an {@code @} in it ({@code :5432/app?user=app@server}, Azure's user names) is left alone.
     */
    private static final Pattern ORACLE_CREDENTIALS = Pattern.compile(
            "((?:^|[\\s:'\"(=,])[\\w.$#-]+/)(\"[^\"]*\"|[^\\s/@\"'?=&;]+)(@)");

    private JdbcUrlMask() {
    }

    /**
     * @param text a JDBC URL or any text that may contain one or a password parameter, or {@code null}
     * @return the text with every password replaced by {@code ****}; {@code null} for {@code null}
     */
    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = USER_INFO.matcher(text).replaceAll("$1" + MASK + "$3");
        masked = ORACLE_CREDENTIALS.matcher(masked).replaceAll("$1" + MASK + "$3");
        return SECRET_PARAMETER.matcher(masked).replaceAll(r -> Matcher.quoteReplacement(r.group(1) + MASK));
    }

    /**
     * @param properties driver properties
     * @return a sorted copy with the values of secret-looking keys masked, for display only
     */
    public static Map<String, String> maskProperties(Properties properties) {
        Map<String, String> shown = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            shown.put(name, isSecretKey(name) ? MASK : properties.getProperty(name));
        }
        for (Map.Entry<Object, Object> e : properties.entrySet()) {
            String name = String.valueOf(e.getKey());
            shown.putIfAbsent(name, isSecretKey(name) ? MASK : String.valueOf(e.getValue()));
        }
        return shown;
    }

    /**
     * @param key a property name
     * @return whether its value should never be shown
     */
    public static boolean isSecretKey(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return lower.contains("password") || lower.equals("pwd") || lower.contains("secret")
                || lower.contains("token") || lower.contains("accesskey") || lower.contains("access_key");
    }
}
