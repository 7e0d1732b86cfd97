package dev.poolwise.it;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Records {@code jdk.VirtualThreadPinned} events with Java Flight Recorder ({@code jdk.jfr.Recording},
 * threshold 0, with stack traces) and reads them back with {@code jdk.jfr.consumer.RecordingFile}.
 *
 * <p>It reaches JFR by reflection because the tests are compiled inside the {@code dev.poolwise.core} module,
 * which does not read {@code jdk.jfr} (and should not, for a test's sake). At run time the tests are on the
 * class path, where every JFR class used here is public API.
 */
final class PinnedEventRecorder implements AutoCloseable {

    static final String PINNED = "jdk.VirtualThreadPinned";
    /** JDK 24+ reasons: "Waited for initialization of C by another thread", "VM call to C.<clinit> on stack". */
    private static final Pattern INITIALIZATION =
            Pattern.compile("initialization of ([\\w.$]+)|([\\w.$]+)\\.<clinit>");

    /** One stack frame, top of the stack first. */
    record Frame(String type, String method, int line) {
        @Override
        public String toString() {
            return type + "." + method + " line " + line;
        }
    }

    /**
     * One pinned event.
     *
     * @param reason    the {@code pinnedReason} field (JDK 24+), or {@code null} where the JDK has none
     * @param duration  how long the virtual thread stayed parked while pinned
     * @param frames    its stack, top first; empty if none was recorded
     * @param truncated whether JFR cut the stack at its {@code stackdepth}
     */
    record PinnedEvent(String reason, Duration duration, List<Frame> frames, boolean truncated) {

        boolean hasFrameIn(Class<?> type) {
            return frames.stream().anyMatch(frame -> frame.type().equals(type.getName()));
        }

        /**
         * @return the class whose initialization pinned the thread (its static initializer is on the stack,
         *         or, JDK 24+, the reason says the thread waited for another thread to initialize it), or
         *         {@code null} when class initialization is not the cause as far as this event tells
         */
        String initializedClass() {
            if (reason != null) {
                Matcher matcher = INITIALIZATION.matcher(reason);
                if (matcher.find()) {
                    return matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
                }
            }
            for (Frame frame : frames) {
                if (frame.method().equals("<clinit>")) {
                    return frame.type();
                }
            }
            return null;
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder(PINNED).append(" for ").append(duration.toNanos() / 1000)
                    .append(" us");
            if (reason != null) {
                text.append(", reason: ").append(reason);
            }
            for (Frame frame : frames) {
                text.append("\n    at ").append(frame);
            }
            if (truncated) {
                text.append("\n    ... (truncated)");
            }
            return text.toString();
        }
    }

    private final Object recording;

    /** Starts recording pinned events. */
    PinnedEventRecorder() throws ReflectiveOperationException {
        Class<?> recordingClass = Class.forName("jdk.jfr.Recording");
        recording = recordingClass.getConstructor().newInstance();
        Object settings = call(recording, "enable", new Class<?>[] {String.class}, PINNED);
        Class<?> settingsClass = Class.forName("jdk.jfr.EventSettings");
        settingsClass.getMethod("withThreshold", Duration.class).invoke(settings, Duration.ZERO);
        settingsClass.getMethod("withStackTrace").invoke(settings);
        call(recording, "start", new Class<?>[0]);
    }

    /**
     * Stops the recording, writes it to {@code file} and reads the pinned events back.
     *
     * @param file where to dump the recording
     * @return the pinned events, in the order the file holds them
     */
    List<PinnedEvent> stopAndRead(Path file) throws ReflectiveOperationException {
        call(recording, "stop", new Class<?>[0]);
        call(recording, "dump", new Class<?>[] {Path.class}, file);
        Class<?> recordingFile = Class.forName("jdk.jfr.consumer.RecordingFile");
        List<?> events = (List<?>) recordingFile.getMethod("readAllEvents", Path.class).invoke(null, file);
        List<PinnedEvent> pinned = new ArrayList<>();
        for (Object event : events) {
            Object type = call(event, "getEventType", new Class<?>[0]);
            if (PINNED.equals(call(type, "getName", new Class<?>[0]))) {
                pinned.add(toPinnedEvent(event));
            }
        }
        return pinned;
    }

    private static PinnedEvent toPinnedEvent(Object event) throws ReflectiveOperationException {
        Class<?> recordedObject = Class.forName("jdk.jfr.consumer.RecordedObject");
        boolean hasReason = (Boolean) recordedObject.getMethod("hasField", String.class).invoke(event, "pinnedReason");
        String reason = hasReason
                ? (String) recordedObject.getMethod("getString", String.class).invoke(event, "pinnedReason") : null;
        Duration duration = (Duration) call(event, "getDuration", new Class<?>[0]);
        Object stack = call(event, "getStackTrace", new Class<?>[0]);
        List<Frame> frames = new ArrayList<>();
        boolean truncated = false;
        if (stack != null) {
            truncated = (Boolean) call(stack, "isTruncated", new Class<?>[0]);
            for (Object frame : (List<?>) call(stack, "getFrames", new Class<?>[0])) {
                Object method = call(frame, "getMethod", new Class<?>[0]);
                int line = (Integer) call(frame, "getLineNumber", new Class<?>[0]);
                Object type = method == null ? null : call(method, "getType", new Class<?>[0]);
                frames.add(new Frame(type == null ? "?" : (String) call(type, "getName", new Class<?>[0]),
                        method == null ? "?" : (String) call(method, "getName", new Class<?>[0]), line));
            }
        }
        return new PinnedEvent(reason, duration, List.copyOf(frames), truncated);
    }

    /** Calls a public method through the public JFR class that declares it, not the implementation class. */
    private static Object call(Object target, String name, Class<?>[] parameterTypes, Object... arguments)
            throws ReflectiveOperationException {
        Method method = publicMethod(target.getClass(), name, parameterTypes);
        try {
            return method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    private static Method publicMethod(Class<?> type, String name, Class<?>[] parameterTypes)
            throws NoSuchMethodException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getPackageName().startsWith("jdk.jfr") && !c.getPackageName().startsWith("jdk.jfr.internal")) {
                try {
                    return c.getMethod(name, parameterTypes);
                } catch (NoSuchMethodException e) {
                    // Declared further up.
                }
            }
        }
        throw new NoSuchMethodException(type.getName() + "." + name);
    }

    @Override
    public void close() throws ReflectiveOperationException {
        call(recording, "close", new Class<?>[0]);
    }
}
