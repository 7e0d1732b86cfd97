package dev.poolwise.internal;

import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides secrets before text reaches a log, an exception, JMX or a report: passwords in JDBC URLs (as a
 * {@code password=} parameter in any of the separators drivers use, or as {@code user:secret@host}) and
 * password-like driver properties.
 */
public final class JdbcUrlMask {

    static final String MASK = "****";

    /**
     * A parameter whose name contains a secret word ({@code password}, {@code sslpassword},
     * {@code SecretAccessKey}, {@code SessionToken}, {@code private_key_file_pwd}), up to the next separator,
     * or a whole braced value as SQL Server writes it ({@code password={se;cret}}).
     */
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)((?:^|[?&;:,(\\s])[\\w.-]*(?:password|pwd|secret|token|access[_-]?key)[\\w.-]*\\s*=\\s*)"
                    + "(\\{[^}]*\\}|[^&;,)\\s]*)");
    /** {@code scheme://user:secret@host}; greedy up to the last {@code @} so a password may contain one. */
    private static final Pattern USER_INFO = Pattern.compile("(//[^/:@?;]*:)([^/?;]*)(@)");

    private JdbcUrlMask() {
    }

    /**
     * @param url a JDBC URL, or {@code null}
     * @return the URL with every password replaced by {@code ****}
     */
    public static String mask(String url) {
        if (url == null) {
            return null;
        }
        String masked = USER_INFO.matcher(url).replaceAll("$1" + MASK + "$3");
        Matcher m = SECRET_PARAMETER.matcher(masked);
        return m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + MASK));
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
