package dev.poolwise.cli.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The PromQL of a generated dashboard's panels, read back from its JSON. */
final class DashboardQueries {

    private DashboardQueries() {
    }

    /**
     * @param dashboardJson the dashboard as written
     * @return every panel target's {@code expr}, in panel order
     */
    static List<String> of(String dashboardJson) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(dashboardJson);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> queries = new ArrayList<>();
        for (JsonNode panel : root.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(target.path("expr").asText());
            }
        }
        return queries;
    }

    /**
     * @param query a panel's query
     * @return it as Grafana sends it to Prometheus with every pool selected and a 1-minute scrape interval
     */
    static String withVariablesFilledIn(String query) {
        return query.replace("$" + GrafanaDashboard.POOL_VARIABLE, ".+").replace("$__rate_interval", "4m");
    }
}
