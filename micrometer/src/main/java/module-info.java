/**
 * Poolwise Micrometer: a {@code MeterBinder} for Poolwise pools.
 */
// micrometer-core is an automatic module (Automatic-Module-Name: micrometer.core); its types are part of this
// module's API (MeterBinder, Tags), so users need it readable.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.poolwise.micrometer {
    requires transitive dev.poolwise.core;
    requires transitive micrometer.core;
    requires org.slf4j;

    exports dev.poolwise.micrometer;
}
