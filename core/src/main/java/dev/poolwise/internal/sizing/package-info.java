/**
 * Adaptive sizing, foundations: the control loop that moves a pool's target size from the signals the pool
 * already sees ({@link dev.poolwise.internal.sizing.TargetSizeController}), and the fleet budget's counting on
 * the database ({@link dev.poolwise.internal.sizing.FleetCounter}) with the share rule that turns a count into
 * this pool's ceiling ({@link dev.poolwise.internal.sizing.FleetShare}).
 *
 * <p>Not yet wired into the pool: nothing in {@code dev.poolwise.internal} calls this package yet. Everything
 * here is deterministic and free of threads and clocks of its own (time arrives as
 * {@link dev.poolwise.internal.sizing.SizingClock} readings or inside a
 * {@link dev.poolwise.internal.sizing.SizingWindow}), so that the housekeeper can drive it and unit tests can
 * drive it without sleeping. See {@code docs/adaptive.md}.
 */
package dev.poolwise.internal.sizing;
