package dev.poolwise.spring;

import java.beans.PropertyDescriptor;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;

/**
 * Finds the keys under {@code spring.datasource.poolwise.} that {@link PoolwiseProperties} does not have, in
 * every property source of the environment (files, environment variables, command line), however they are
 * spelled ({@code maximum-pool-size}, {@code maximumPoolSize}, {@code MAXIMUMPOOLSIZE}). Boot's binder would
 * ignore them; Poolwise reports them, so that a typo does not pass silently.
 */
final class UnknownPoolwiseKeys {

    private static final ConfigurationPropertyName PREFIX = ConfigurationPropertyName.of(PoolwiseProperties.PREFIX);

    /** Every property of {@link PoolwiseProperties} in Boot's uniform form: lower case, no dashes. */
    private static final Set<String> KNOWN = known();

    private UnknownPoolwiseKeys() {
    }

    /**
     * A key under the prefix that {@link PoolwiseProperties} does not have.
     *
     * @param written the key after the prefix, dashed, as the application wrote it
     * @param camel   the camel-case name Poolwise's configuration reader looks keys up by
     * @param value   its value (placeholders resolved), for keys the reader knows although the properties class
     *                does not ({@code credentials-provider}, say)
     */
    record UnknownKey(String written, String camel, String value) {
    }

    /**
     * @param environment the application's environment
     * @return every unknown key, once each, in the order the property sources list them
     */
    static Map<String, UnknownKey> find(Environment environment) {
        Map<String, UnknownKey> unknown = new LinkedHashMap<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (!(source instanceof IterableConfigurationPropertySource iterable)) {
                continue;
            }
            iterable.filter(PREFIX::isAncestorOf).stream().forEach(name -> {
                int index = PREFIX.getNumberOfElements();
                String uniform = name.getElement(index, ConfigurationPropertyName.Form.UNIFORM);
                if (!KNOWN.contains(uniform) && !unknown.containsKey(uniform)) {
                    String dashed = name.getElement(index, ConfigurationPropertyName.Form.DASHED);
                    String value = name.getNumberOfElements() == index + 1 ? environment.getProperty(name.toString()) : null;
                    unknown.put(uniform, new UnknownKey(dashed, camelCase(dashed), value == null ? "" : value));
                }
            });
        }
        return unknown;
    }

    /** {@code maximum-pool-siz} becomes {@code maximumPoolSiz}. */
    static String camelCase(String dashed) {
        StringBuilder camel = new StringBuilder(dashed.length());
        boolean upper = false;
        for (char c : dashed.toCharArray()) {
            if (c == '-' || c == '_') {
                upper = camel.length() > 0;
            } else {
                camel.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return camel.toString();
    }

    /** {@code maximumPoolSize} becomes {@code maximum-pool-size}. */
    static String kebabCase(String camel) {
        StringBuilder kebab = new StringBuilder(camel.length() + 4);
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                kebab.append('-').append(Character.toLowerCase(c));
            } else {
                kebab.append(c);
            }
        }
        return kebab.toString();
    }

    private static Set<String> known() {
        Set<String> names = new TreeSet<>();
        for (PropertyDescriptor property : BeanUtils.getPropertyDescriptors(PoolwiseProperties.class)) {
            if (property.getWriteMethod() != null) {
                names.add(property.getName().toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }
}
