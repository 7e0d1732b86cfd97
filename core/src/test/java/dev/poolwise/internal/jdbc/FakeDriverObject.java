package dev.poolwise.internal.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stands in for a driver's statement, result set or metadata in the wrapper tests: a
 * {@link java.lang.reflect.Proxy} that records every call and answers with a recognisable sample value for the
 * return type (a fresh fake {@link ResultSet} where a result set is expected).
 */
final class FakeDriverObject implements InvocationHandler {

    /** A marker for "a driver-specific interface", to check that unwrap reaches the driver's object. */
    interface DriverSpecific {
    }

    record Call(String method, List<Object> arguments) {
    }

    final List<Call> calls = new ArrayList<>();

    /** Answers by method name, overriding the sample values. */
    final Map<String, Object> answers = new HashMap<>();

    /** When set, every method that declares {@link SQLException} throws it. */
    SQLException failWith;

    /** The fake result set most recently returned. */
    ResultSet lastResultSet;

    /** What the most recent call returned. */
    Object lastReturned;

    /** The fake result set objects returned, in order, with their handlers. */
    final List<FakeDriverObject> resultSets = new ArrayList<>();

    boolean closed;

    private final String name;

    private FakeDriverObject(String name) {
        this.name = name;
    }

    /**
     * @return a fake of {@code type} that also implements {@link DriverSpecific}, and its recorder
     */
    static <T> Fake<T> of(Class<T> type) {
        FakeDriverObject recorder = new FakeDriverObject("Fake" + type.getSimpleName());
        Object proxy = Proxy.newProxyInstance(FakeDriverObject.class.getClassLoader(),
                new Class<?>[] {type, DriverSpecific.class}, recorder);
        return new Fake<>(type.cast(proxy), recorder);
    }

    record Fake<T>(T object, FakeDriverObject recorder) {
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "toString":
                return name;
            case "hashCode":
                return System.identityHashCode(proxy);
            case "equals":
                return proxy == args[0];
            default:
                break;
        }
        calls.add(new Call(method.getName(), args == null ? List.of() : Arrays.asList(args)));
        if (failWith != null && Arrays.asList(method.getExceptionTypes()).contains(SQLException.class)) {
            throw failWith;
        }
        lastReturned = answer(method);
        return lastReturned;
    }

    private Object answer(Method method) {
        if (method.getName().equals("close")) {
            closed = true;
            return null;
        }
        if (method.getName().equals("isClosed")) {
            return closed;
        }
        if (answers.containsKey(method.getName())) {
            return answers.get(method.getName());
        }
        return sample(method.getReturnType());
    }

    private Object sample(Class<?> type) {
        if (type == ResultSet.class) {
            Fake<ResultSet> resultSet = of(ResultSet.class);
            resultSets.add(resultSet.recorder());
            lastResultSet = resultSet.object();
            return lastResultSet;
        }
        return sampleValue(type);
    }

    /**
     * @return a recognisable value of {@code type}: 7 for numbers, true, "sample", {@link Runnable} for a
     *         {@code Class} (which no wrapper or fake implements), null for anything else
     */
    static Object sampleValue(Class<?> type) {
        if (type == boolean.class) {
            return true;
        } else if (type == int.class) {
            return 7;
        } else if (type == long.class) {
            return 7L;
        } else if (type == short.class) {
            return (short) 7;
        } else if (type == byte.class) {
            return (byte) 7;
        } else if (type == float.class) {
            return 7f;
        } else if (type == double.class) {
            return 7d;
        } else if (type == String.class) {
            return "sample";
        } else if (type == Class.class) {
            return Runnable.class;
        }
        return null;
    }

    /** @return the names of the methods called so far, in order */
    List<String> methodsCalled() {
        return calls.stream().map(Call::method).toList();
    }
}
