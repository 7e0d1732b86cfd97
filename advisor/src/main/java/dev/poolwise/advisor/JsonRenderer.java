package dev.poolwise.advisor;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Renders a recommendation as JSON for machines: {@code feasible}, {@code budget}, {@code pool} and
 * {@code driver} settings (each with value, unit and reason; durations also in {@code millis}),
 * {@code warnings} and {@code infeasible}.
 */
public final class JsonRenderer implements RecommendationRenderer {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public String render(Recommendation r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("feasible", r.isFeasible());
        root.put("deployment", TextRenderer.describe(r.deployment()));
        ConnectionBudget b = r.budget();
        ObjectNode budget = root.putObject("budget");
        budget.put("limitName", b.limitName());
        budget.put("limit", b.limit());
        budget.put("reserved", b.reserved());
        budget.put("headroom", b.headroom());
        budget.put("budget", b.budget());
        budget.put("hardLimit", b.hardLimit());
        budget.put("multiplexed", b.multiplexed());
        if (b.busyLimit() != null) {
            budget.put("busyLimit", b.busyLimit());
        }
        if (b.efficientBusy() != null) {
            budget.put("efficientBusy", b.efficientBusy());
        }
        budget.put("minProcesses", b.minProcesses());
        budget.put("maxProcesses", b.maxProcesses());
        budget.put("fleetTotalAtMax", b.fleetTotalAtMax());
        budget.set("reason", reason(b.reason()));
        settings(root.putObject("pool"), r.poolSettings());
        settings(root.putObject("driver"), r.driverSettings());
        if (!r.poolerSettings().isEmpty()) {
            settings(root.putObject("pgbouncer"), r.poolerSettings());
        }
        ArrayNode warnings = root.putArray("warnings");
        r.warnings().forEach(w -> warnings.addObject().put("code", w.code()).put("message", w.message()));
        ArrayNode infeasible = root.putArray("infeasible");
        for (Infeasibility i : r.infeasibilities()) {
            ObjectNode node = infeasible.addObject().put("code", i.code()).put("message", i.message());
            ArrayNode fixes = node.putArray("fixes");
            i.fixes().forEach(fixes::add);
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the recommendation as JSON: " + e.getMessage(), e);
        }
    }

    private static void settings(ObjectNode parent, List<Setting> settings) {
        for (Setting s : settings) {
            ObjectNode node = parent.putObject(s.name());
            Object value = s.value();
            if (value instanceof Duration duration) {
                node.put("value", HumanDuration.format(duration));
                node.put("millis", duration.toMillis());
            } else if (value instanceof Integer i) {
                node.put("value", i);
            } else if (value instanceof Long l) {
                node.put("value", l);
            } else if (value instanceof Boolean bool) {
                node.put("value", bool);
            } else {
                node.put("value", String.valueOf(value));
            }
            node.put("unit", s.unit());
            node.set("reason", reason(s.reason()));
        }
    }

    private static ObjectNode reason(Reason reason) {
        ObjectNode node = JSON.createObjectNode();
        node.put("rule", reason.rule());
        node.put("formula", reason.formula());
        ObjectNode inputs = node.putObject("inputs");
        reason.inputs().forEach(inputs::put);
        ArrayNode sources = node.putArray("sources");
        reason.sources().forEach(sources::add);
        return node;
    }
}
