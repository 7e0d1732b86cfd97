package dev.poolwise.cli.dashboard;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Prometheus alerting rule as {@link AlertRules} generates it.
 *
 * @param name        the alert's name, e.g. {@code PoolwisePoolExhausted}; also the runbook's anchor, lower-cased
 * @param expr        the PromQL condition; every series it returns is one alert
 * @param forDuration how long the condition must hold before the alert fires, e.g. {@code 2m}
 * @param severity    the {@code severity} label: {@code critical} (page someone) or {@code warning} (look today)
 * @param summary     one line, templated with {@code {{ $labels.NAME }}}: what is wrong and where
 * @param description what it means and what to do first, templated the same way
 * @param runbookUrl  where the full runbook is: {@code docs/monitoring.md#<anchor>} under a base the user chooses
 */
public record AlertRule(String name, String expr, String forDuration, String severity, String summary,
                        String description, String runbookUrl) {

    private static final Pattern LABEL = Pattern.compile("\\{\\{ \\$labels\\.([a-zA-Z_][a-zA-Z0-9_]*) }}");

    /** @return the annotations as Prometheus gets them: summary, description, runbook_url */
    public Map<String, String> annotations() {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("summary", summary);
        annotations.put("description", description);
        annotations.put("runbook_url", runbookUrl);
        return annotations;
    }

    /**
     * The annotations as Prometheus renders them for one alert: each {@code {{ $labels.NAME }}} replaced by that
     * label's value (empty when the alert has no such label). For the expectations of the promtool tests, which
     * then check that Prometheus renders them the same way.
     *
     * @param labels the alert's labels
     * @return the rendered annotations
     */
    public Map<String, String> annotationsFor(Map<String, String> labels) {
        Map<String, String> rendered = new LinkedHashMap<>();
        annotations().forEach((key, template) -> {
            Matcher label = LABEL.matcher(template);
            rendered.put(key, label.replaceAll(found -> Matcher.quoteReplacement(
                    labels.getOrDefault(found.group(1), ""))));
        });
        return rendered;
    }
}
