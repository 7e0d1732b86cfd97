package dev.poolwise.advisor.inspect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes an {@link InspectionReport} as JSON for machines: {@code endpoint}, {@code engine},
 * {@code serverVersion}, {@code maxConnections}, {@code reservedConnections}, {@code limits}, {@code timeouts}
 * (durations also in {@code millis}), {@code connections} ({@code open} and {@code groups}), {@code status}
 * (MySQL/MariaDB), {@code provider}, {@code pooler} and {@code notes}.
 */
public final class InspectionJsonRenderer {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** A renderer; it keeps no state. */
    public InspectionJsonRenderer() {
    }

    /**
     * @param report what was read
     * @return the report as pretty-printed JSON, ending with a newline
     */
    public String render(InspectionReport report) {
        try {
            return JSON.writeValueAsString(tree(report)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the inspection as JSON: " + e.getMessage(), e);
        }
    }

    /**
     * @param report what was read
     * @return the report as a JSON tree, to embed in a larger document
     */
    public ObjectNode tree(InspectionReport report) {
        ObjectNode root = JSON.createObjectNode();
        Endpoint e = report.endpoint();
        ObjectNode endpoint = root.putObject("endpoint").put("host", e.host()).put("port", e.port());
        if (e.database() != null) {
            endpoint.put("database", e.database());
        }
        root.put("engine", report.engine().id());
        root.put("serverVersion", report.serverVersion());
        root.put("maxConnections", report.maxConnections());
        root.put("reservedConnections", report.reservedConnections());
        ArrayNode limits = root.putArray("limits");
        report.limits().forEach(s -> setting(limits.addObject(), s));
        ArrayNode timeouts = root.putArray("timeouts");
        report.timeouts().forEach(s -> setting(timeouts.addObject(), s));
        ObjectNode connections = root.putObject("connections");
        connections.put("open", report.openConnections());
        ArrayNode groups = connections.putArray("groups");
        for (ConnectionGroup c : report.connections()) {
            ObjectNode group = groups.addObject().put("state", c.state());
            if (c.application() != null) {
                group.put("application", c.application());
            }
            group.put("user", c.user());
            group.put("database", c.database());
            group.put("count", c.count());
        }
        if (report.threadsConnected() != null || report.maxUsedConnections() != null) {
            ObjectNode status = root.putObject("status");
            if (report.threadsConnected() != null) {
                status.put("Threads_connected", report.threadsConnected());
            }
            if (report.maxUsedConnections() != null) {
                status.put("Max_used_connections", report.maxUsedConnections());
            }
        }
        RecognizedHost host = report.host();
        root.putObject("provider").put("id", host.provider().id()).put("service", host.service())
                .put("pooler", host.pooler().id()).put("evidence", host.evidence());
        PoolerDetection pooler = report.pooler();
        ObjectNode detection = root.putObject("pooler").put("detected", pooler.detected());
        if (pooler.mode() != null) {
            detection.put("mode", pooler.mode());
        } else {
            detection.putNull("mode");
        }
        ArrayNode evidence = detection.putArray("evidence");
        pooler.evidence().forEach(evidence::add);
        ArrayNode notes = root.putArray("notes");
        report.notes().forEach(notes::add);
        return root;
    }

    private static void setting(ObjectNode node, ServerSetting s) {
        node.put("name", s.name()).put("value", s.value());
        if (s.duration() != null) {
            node.put("millis", s.duration().toMillis());
        }
        node.put("meaning", s.meaning());
    }
}
