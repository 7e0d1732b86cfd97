package dev.poolwise;

import java.time.Duration;

/**
 * What the pool knows about a connection held longer than {@code leakDetectionThreshold}: enough to tell a
 * leak (a borrower that forgot to close) from long work (a borrower still running statements).
 *
 * <p>A connection whose transaction is open and whose last statement ran moments ago is most likely busy;
 * one with no statement for most of the time it has been held is most likely leaked.
 *
 * @param poolName            the pool's name
 * @param connectionId        the pool's id for the physical connection
 * @param threadName          the thread that borrowed it
 * @param borrowStack         where it was borrowed (the stack of the {@code getConnection} call)
 * @param heldFor             how long it has been out of the pool
 * @param transactionOpen     whether the borrower turned auto-commit off and ran a statement without
 *                            committing or rolling back since
 * @param sinceLastStatement  time since the last statement ran through it, or {@code null} if none ran
 */
public record LeakReport(
        String poolName,
        long connectionId,
        String threadName,
        StackTraceElement[] borrowStack,
        Duration heldFor,
        boolean transactionOpen,
        Duration sinceLastStatement) {

    /**
     * A short judgement for people reading the log: leak or long work.
     *
     * @return a sentence that says which is more likely and why
     */
    public String hint() {
        if (sinceLastStatement == null) {
            return "no statement ran since it was borrowed: most likely a leak (a code path that never closes it)";
        }
        long held = heldFor.toMillis();
        long quiet = sinceLastStatement.toMillis();
        if (quiet * 10 < held) {
            return "a statement ran " + quiet + " ms ago: most likely long work still in progress, not a leak";
        }
        return "idle for " + quiet + " ms of the " + held + " ms it has been held"
                + (transactionOpen ? ", with a transaction open" : "")
                + ": most likely a leak (borrowed, used, then never closed)";
    }

    /**
     * The report as a multi-line text, ending with the borrow stack.
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        text.append("Connection ").append(connectionId).append(" of pool ").append(poolName)
                .append(" has been held for ").append(heldFor.toMillis()).append(" ms by thread ").append(threadName)
                .append("; transaction open: ").append(transactionOpen ? "yes" : "no")
                .append("; last statement: ")
                .append(sinceLastStatement == null ? "none" : sinceLastStatement.toMillis() + " ms ago")
                .append(". ").append(hint()).append(". Borrowed at:");
        if (borrowStack == null || borrowStack.length == 0) {
            text.append(" (stack not captured)");
        } else {
            for (StackTraceElement frame : borrowStack) {
                text.append(System.lineSeparator()).append("    at ").append(frame);
            }
        }
        return text.toString();
    }
}
