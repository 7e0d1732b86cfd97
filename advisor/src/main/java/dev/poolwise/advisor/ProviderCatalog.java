package dev.poolwise.advisor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The facts the advisor knows about engines, providers and poolers ({@code catalog.yaml} beside this class):
 * limits, reserved slots, timeouts, each with its source and date. Facts live in data, not in code, so that
 * updating a vendor's number is a one-line change with its citation.
 */
public final class ProviderCatalog {

    private static final String RESOURCE = "catalog.yaml";

    private final JsonNode root;

    private ProviderCatalog(JsonNode root) {
        this.root = root;
    }

    /** @return the catalog shipped with Poolwise */
    public static ProviderCatalog bundled() {
        try (InputStream in = ProviderCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath beside "
                        + ProviderCatalog.class.getName());
            }
            return new ProviderCatalog(new ObjectMapper(new YAMLFactory()).readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param path the keys from the catalog's root, e.g. {@code providers, neon, suspend_after}
     * @return the fact there, if the catalog has one
     */
    public Optional<Fact> find(String... path) {
        JsonNode node = root;
        for (String key : path) {
            node = node.path(key);
        }
        if (!node.isObject() || !node.has("value")) {
            return Optional.empty();
        }
        return Optional.of(new Fact(node.get("value").asText(), node.path("source").asText("unknown source"),
                node.path("date").asText("undated")));
    }

    /**
     * @param attribute a numeric field beside a fact's value, e.g. {@code divisor} in a formula's fact
     * @param path      the fact's keys from the catalog's root
     * @return the number, if the fact has it
     */
    public Optional<Double> attribute(String attribute, String... path) {
        JsonNode node = root;
        for (String key : path) {
            node = node.path(key);
        }
        JsonNode value = node.path(attribute);
        return value.isNumber() ? Optional.of(value.asDouble()) : Optional.empty();
    }

    /**
     * @param path the keys from the catalog's root
     * @return the fact there
     * @throws IllegalStateException when the catalog has none (a defect in the catalog)
     */
    public Fact require(String... path) {
        return find(path).orElseThrow(() -> new IllegalStateException("catalog.yaml has no fact at "
                + String.join(".", path)));
    }

    /**
     * Looks a compute size up in a table keyed by size, where a key {@code N+} covers every numeric size from N.
     *
     * @param field the deployment field the size came from, for the error message
     * @param size  the size the user gave, e.g. {@code 0.25}, {@code PS-40}, {@code small}
     * @param path  the table's keys from the catalog's root
     * @return the fact for that size
     * @throws InvalidDeploymentException listing the known sizes when {@code size} is not one of them
     */
    public Fact byComputeSize(String field, String size, String... path) {
        JsonNode table = root;
        for (String key : path) {
            table = table.path(key);
        }
        String wanted = normalizeSize(size);
        Double numeric = parseNumber(wanted);
        for (Iterator<Map.Entry<String, JsonNode>> it = table.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String key = entry.getKey();
            boolean matches;
            if (key.endsWith("+")) {
                Double from = parseNumber(key.substring(0, key.length() - 1));
                matches = numeric != null && from != null && numeric >= from;
            } else {
                Double keyNumber = parseNumber(key);
                matches = numeric != null && keyNumber != null ? numeric.equals(keyNumber)
                        : normalizeSize(key).equals(wanted);
            }
            if (matches) {
                JsonNode node = entry.getValue();
                return new Fact(node.get("value").asText(), node.path("source").asText("unknown source"),
                        node.path("date").asText("undated"));
            }
        }
        throw new InvalidDeploymentException(field, size, "unknown size; known: " + String.join(", ",
                sizes(path)) + " (or give database.max_connections / --max-connections yourself)");
    }

    /**
     * @param path the table's keys from the catalog's root
     * @return the sizes the table knows, in catalog order
     */
    public List<String> sizes(String... path) {
        JsonNode table = root;
        for (String key : path) {
            table = table.path(key);
        }
        List<String> sizes = new ArrayList<>();
        table.fieldNames().forEachRemaining(sizes::add);
        return sizes;
    }

    /**
     * @param provider      a provider sized by instance class ({@link Provider#hasInstanceClasses()})
     * @param engine        its engine
     * @param instanceClass the instance class, e.g. {@code db.t3.medium}
     * @return the {@code max_connections} the vendor's formula or table gives it
     * @throws InvalidDeploymentException naming the known classes when it is none of them
     */
    public int maxConnectionsOf(Provider provider, Engine engine, String instanceClass) {
        return InstanceClasses.maxConnections(this, provider, engine, instanceClass).maxConnections();
    }

    /**
     * @param provider a provider sized by instance class
     * @param engine   its engine
     * @return the instance classes known for it, in words, e.g. for a question
     */
    public String knownInstanceClasses(Provider provider, Engine engine) {
        return InstanceClasses.known(this, provider, engine);
    }

    /**
     * @param provider a provider
     * @return the engines the catalog lists for it; every engine for a self-managed server
     */
    public List<Engine> engines(Provider provider) {
        JsonNode list = root.path("providers").path(provider.id()).path("engines");
        if (!list.isArray()) {
            return List.of(Engine.values());
        }
        List<Engine> engines = new ArrayList<>();
        list.forEach(node -> engines.add(Engine.fromId("catalog", node.asText())));
        return engines;
    }

    private static String normalizeSize(String size) {
        return size.trim().toLowerCase(Locale.ROOT).replace(" ", "");
    }

    private static Double parseNumber(String text) {
        try {
            return Double.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
