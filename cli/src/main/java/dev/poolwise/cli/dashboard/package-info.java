/**
 * What {@code poolwise dashboard} generates: a Grafana dashboard ({@link dev.poolwise.cli.dashboard.GrafanaDashboard}),
 * Prometheus alert rules ({@link dev.poolwise.cli.dashboard.AlertRules}) and their promtool unit tests
 * ({@link dev.poolwise.cli.dashboard.AlertRulesTestFile}), for either metric naming, with every series name taken
 * from {@link dev.poolwise.micrometer.MetricNaming} through {@link dev.poolwise.cli.dashboard.PrometheusSeries}.
 * {@link dev.poolwise.cli.dashboard.MonitoringFiles} writes the three files.
 */
package dev.poolwise.cli.dashboard;
