package dev.poolwise.advisor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code max_connections} of a managed service from its instance class, by the vendor's documented formula or
 * table (the facts are in {@code catalog.yaml}):
 * <ul>
 *   <li>RDS and Aurora PostgreSQL: {@code LEAST(DBInstanceClassMemory / 9531392, 5000)}; RDS MySQL and MariaDB:
 *       {@code DBInstanceClassMemory / 12582880}. {@code DBInstanceClassMemory} is less than the class's nominal
 *       memory (the operating system and RDS's processes take some) and AWS publishes no figure per class, so it
 *       is assumed to be a fraction of it, and the recommendation says so;</li>
 *   <li>Aurora MySQL: AWS's table by instance class;</li>
 *   <li>Cloud SQL for PostgreSQL: by the machine type's memory tier;</li>
 *   <li>Azure Database for PostgreSQL flexible server: its table by compute size.</li>
 * </ul>
 */
final class InstanceClasses {

    /** {@code db.FAMILY.SIZE}: {@code db.r6g.large}, {@code db.m5.2xlarge}. */
    private static final Pattern AWS_CLASS = Pattern.compile("db\\.([a-z0-9]+)\\.((\\d*)x?large|medium|small|micro)");
    /** {@code db-custom-CPUS-MEMORY_MIB}, optionally {@code db-perf-optimized-N-...} is not modelled. */
    private static final Pattern CLOUD_SQL_CUSTOM = Pattern.compile("db-custom-(\\d+)-(\\d+)");
    /** Azure SKUs as the portal and CLI write them: {@code Standard_D2ds_v4}, {@code GP_Standard_D2ds_v4}, {@code B1ms}. */
    private static final Pattern AZURE_SKU = Pattern.compile("(?:(?:b|gp|mo)_)?(?:standard_)?(b\\d+m?s|[de]\\d+)[a-z]*(?:_v\\d)?");

    private InstanceClasses() {
    }

    /**
     * What an instance class gives.
     *
     * @param maxConnections the derived {@code max_connections}
     * @param formula        how it was derived, with the numbers
     * @param facts          the catalog facts used
     * @param assumption     what was assumed, for an "assumed" line, or {@code null} when nothing was
     */
    record Derived(int maxConnections, String formula, List<Fact> facts, String assumption) {
    }

    /**
     * @param catalog  the facts
     * @param provider a provider sized by instance class
     * @param engine   its engine
     * @param given    the instance class as the user wrote it
     * @return {@code max_connections} and how it was derived
     * @throws InvalidDeploymentException naming the known classes when {@code given} is none of them
     */
    static Derived maxConnections(ProviderCatalog catalog, Provider provider, Engine engine, String given) {
        String name = given.trim().toLowerCase(Locale.ROOT);
        Optional<Derived> derived = switch (provider) {
            case RDS -> aws(catalog, "rds", engine, name);
            case AURORA_PROVISIONED -> engine == Engine.MYSQL ? auroraMysql(catalog, name)
                    : aws(catalog, "aurora-provisioned", engine, name);
            case CLOUD_SQL -> cloudSql(catalog, name);
            case AZURE_POSTGRESQL -> azure(catalog, name);
            default -> Optional.empty();
        };
        return derived.orElseThrow(() -> new InvalidDeploymentException("database.instance_class", given,
                "unknown instance class for " + provider.displayName() + " " + engine.id() + "; known: "
                        + known(catalog, provider, engine) + " (or give database.max_connections / --max-connections,"
                        + " which SHOW max_connections tells)"));
    }

    /** @return the classes known for the provider and engine, for error messages and questions */
    static String known(ProviderCatalog catalog, Provider provider, Engine engine) {
        return switch (provider) {
            case RDS, AURORA_PROVISIONED -> provider == Provider.AURORA_PROVISIONED && engine == Engine.MYSQL
                    ? String.join(", ", catalog.sizes("providers", "aurora-provisioned", "max_connections", "mysql"))
                            .replace("r.", "db.r*.")
                    : String.join(", ", catalog.sizes("aws_instance_classes", "burstable_memory_gib"))
                            + ", db.FAMILY.large … db.FAMILY.24xlarge for FAMILY "
                            + String.join(", ", catalog.sizes("aws_instance_classes", "memory_gib_per_vcpu"));
            case CLOUD_SQL -> "db-f1-micro, db-g1-small, db-custom-CPUS-MEMORY_MIB (e.g. db-custom-2-7680)";
            case AZURE_POSTGRESQL -> "Standard_" + String.join(", Standard_",
                    catalog.sizes("providers", "azure-postgresql", "max_connections")) + " (any v3/v4/v5 variant)";
            default -> "none";
        };
    }

    private static Optional<Derived> aws(ProviderCatalog catalog, String providerKey, Engine engine, String name) {
        Optional<Double> memory = awsMemoryGib(catalog, name);
        Optional<Fact> formula = catalog.find("providers", providerKey, "max_connections_formula", engine.id());
        if (memory.isEmpty() || formula.isEmpty()) {
            return Optional.empty();
        }
        Fact fraction = catalog.require("providers", providerKey, "usable_memory_fraction");
        double divisor = catalog.attribute("divisor", "providers", providerKey, "max_connections_formula", engine.id())
                .orElseThrow();
        Optional<Double> cap = catalog.attribute("cap", "providers", providerKey, "max_connections_formula",
                engine.id());
        double classMemory = memory.get() * fraction.asDouble() * 1024 * 1024 * 1024;
        long byMemory = (long) Math.floor(classMemory / divisor);
        int value = (int) Math.min(byMemory, cap.map(Double::longValue).orElse(Long.MAX_VALUE));
        value = Math.max(1, Math.min(value, engine.maxConnectionsCeiling()));
        String memoryText = SizingRules.number(memory.get()) + " GiB";
        String text = formula.get().value() + " with DBInstanceClassMemory assumed " + percent(fraction) + " of "
                + name + "'s " + memoryText + " = " + value;
        String assumption = "max_connections " + value + " for " + name + ": " + formula.get().value()
                + ", with DBInstanceClassMemory (which AWS does not publish per class; it is the class's memory less"
                + " what the operating system and RDS take) assumed to be " + percent(fraction) + " of its "
                + memoryText;
        return Optional.of(new Derived(value, text, List.of(formula.get(), fraction), assumption));
    }

    private static Optional<Double> awsMemoryGib(ProviderCatalog catalog, String name) {
        Optional<Fact> burstable = catalog.find("aws_instance_classes", "burstable_memory_gib", name);
        if (burstable.isPresent()) {
            return Optional.of(burstable.get().asDouble());
        }
        Matcher m = AWS_CLASS.matcher(name);
        if (!m.matches() || !m.group(2).endsWith("large")) {
            return Optional.empty();
        }
        Optional<Fact> perVcpu = catalog.find("aws_instance_classes", "memory_gib_per_vcpu", m.group(1));
        if (perVcpu.isEmpty()) {
            return Optional.empty();
        }
        int vcpus = vcpus(m.group(2));
        return vcpus < 1 ? Optional.empty() : Optional.of(perVcpu.get().asDouble() * vcpus);
    }

    /** @return vCPUs of an AWS size: large 2, xlarge 4, Nxlarge 4N; 0 when not one of them */
    private static int vcpus(String size) {
        if (size.equals("large")) {
            return 2;
        }
        if (size.equals("xlarge")) {
            return 4;
        }
        String n = size.substring(0, size.length() - "xlarge".length());
        int times = Integer.parseInt(n);
        return times >= 2 && times <= 48 ? 4 * times : 0;
    }

    private static Optional<Derived> auroraMysql(ProviderCatalog catalog, String name) {
        Optional<Fact> exact = catalog.find("providers", "aurora-provisioned", "max_connections", "mysql", name);
        Matcher m = AWS_CLASS.matcher(name);
        Optional<Fact> fact = exact.isPresent() || !m.matches() || !m.group(1).startsWith("r") ? exact
                : catalog.find("providers", "aurora-provisioned", "max_connections", "mysql", "r." + m.group(2));
        return fact.map(f -> new Derived(f.asInt(), "Aurora MySQL's table: " + name + " → " + f.value(), List.of(f),
                null));
    }

    private static Optional<Derived> cloudSql(ProviderCatalog catalog, String name) {
        Double memory = catalog.find("providers", "cloud-sql", "shared_core_memory_gib", name).map(Fact::asDouble)
                .orElse(null);
        Matcher m = CLOUD_SQL_CUSTOM.matcher(name);
        if (memory == null && m.matches()) {
            memory = Integer.parseInt(m.group(2)) / 1024.0;
        }
        if (memory == null) {
            return Optional.empty();
        }
        Fact tier = null;
        String from = null;
        for (String key : catalog.sizes("providers", "cloud-sql", "max_connections_by_memory_gib")) {
            if (memory >= Double.parseDouble(key) - 1e-9) {
                tier = catalog.require("providers", "cloud-sql", "max_connections_by_memory_gib", key);
                from = key;
            }
        }
        Fact chosen = tier;
        String text = "Cloud SQL's table by memory: " + name + " has " + SizingRules.number(memory) + " GiB, in the tier"
                + " from " + from + " GiB → " + chosen.value();
        return Optional.of(new Derived(chosen.asInt(), text, List.of(chosen), null));
    }

    private static Optional<Derived> azure(ProviderCatalog catalog, String name) {
        Matcher m = AZURE_SKU.matcher(name);
        if (!m.matches()) {
            return Optional.empty();
        }
        String size = m.group(1);
        List<String> keys = new ArrayList<>(catalog.sizes("providers", "azure-postgresql", "max_connections"));
        for (String key : keys) {
            if (key.toLowerCase(Locale.ROOT).equals(size)) {
                Fact fact = catalog.require("providers", "azure-postgresql", "max_connections", key);
                return Optional.of(new Derived(fact.asInt(), "Azure's table: " + key + " → " + fact.value(),
                        List.of(fact), null));
            }
        }
        return Optional.empty();
    }

    private static String percent(Fact fraction) {
        return SizingRules.number(fraction.asDouble() * 100) + " %";
    }
}
