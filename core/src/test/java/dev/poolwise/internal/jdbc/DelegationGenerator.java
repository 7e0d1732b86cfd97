package dev.poolwise.internal.jdbc;

import java.io.IOException;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Writes the pure delegation of the JDBC wrappers ({@code Delegating*.java} in
 * {@code core/src/main/java/dev/poolwise/internal/jdbc}) from the {@code java.sql} interfaces, so that the
 * hand-written handles keep only the methods with behaviour: close, closed checks, {@code getConnection()} /
 * {@code getStatement()} returning the wrapper, unwrapping.
 *
 * <p>Each generated method is the same three steps: the handle's closed check, the call to the driver's
 * object (preceded by {@link StatementOwner#beforeExecute()} for executions and result-set writes, its result
 * wrapped when it is a {@link ResultSet}), and every {@link SQLException} passed through
 * {@link StatementOwner#onSqlException}. Plain calls, no reflection, varargs or boxing: the statement path
 * stays allocation-free, and debuggers and stack traces see ordinary Java.
 *
 * <p>The output is committed; {@code DelegationGeneratorTest} regenerates it in memory and fails, printing
 * the command below, when the committed files differ. To regenerate:
 * {@code ./mvnw -q -o -pl core test -Dtest=DelegationGeneratorTest -Dpoolwise.regenerate=true}
 */
public final class DelegationGenerator {

    /** The command that rewrites the generated files. */
    public static final String REGENERATE =
            "./mvnw -q -o -pl core test -Dtest=DelegationGeneratorTest -Dpoolwise.regenerate=true";

    private static final String PACKAGE = "dev.poolwise.internal.jdbc";

    /** Methods with behaviour, written by hand in the handles; the generated classes leave them abstract. */
    private static final Set<String> HAND_WRITTEN = Set.of("close", "isClosed", "getConnection", "getStatement",
            "unwrap", "isWrapperFor");

    /** Result-set writes: they change rows, so they mark the transaction dirty like an execution. */
    private static final Set<String> RESULT_SET_WRITES = Set.of("insertRow", "updateRow", "deleteRow");

    /**
     * One generated class.
     *
     * @param api        the interface whose methods it delegates
     * @param superclass the hand-written class it extends, or {@code null} for a top-level wrapper
     * @param inherited  the interface the superclass already delegates (its methods are skipped), or null
     * @param field      the name of the field holding the driver's object
     * @param checkOpen  the closed check at the top of each method
     * @param behaviour  further methods with behaviour, by name: left abstract (or to the interface's default)
     * @param selfOwned  true for the connection handle, which is its own {@link StatementOwner}
     */
    record Spec(Class<?> api, String superclass, Class<?> inherited, String field, String checkOpen,
                Set<String> behaviour, boolean selfOwned) {
        Spec(Class<?> api, String superclass, Class<?> inherited, String field) {
            this(api, superclass, inherited, field, "checkOpen();", Set.of(), false);
        }

        String className() {
            return "Delegating" + api.getSimpleName();
        }

        String errorHook() {
            return selfOwned ? "onSqlException(e)" : "owner.onSqlException(e)";
        }
    }

    /**
     * What the connection handle writes by hand: creating (and tracking) statement wrappers, the session state
     * it records for the reset (dirty bits), savepoints and LOBs (they mark the transaction), validity and
     * abort on a closed handle; request and sharding-key methods stay the interface's defaults, since the pool
     * owns the request and the borrower may not move the connection to another shard.
     */
    private static final Set<String> CONNECTION_BEHAVIOUR = Set.of("createStatement", "prepareStatement",
            "prepareCall", "getMetaData", "setAutoCommit", "commit", "rollback", "setReadOnly", "setCatalog",
            "setTransactionIsolation", "setSchema", "setNetworkTimeout", "getTypeMap", "setTypeMap", "setHoldability",
            "setSavepoint", "createClob", "createBlob", "createNClob", "createSQLXML", "isValid", "setClientInfo",
            "abort", "beginRequest", "endRequest", "setShardingKey", "setShardingKeyIfValid");

    static final List<Spec> SPECS = List.of(
            new Spec(Connection.class, null, null, "raw", "checkOpen();", CONNECTION_BEHAVIOUR, true),
            new Spec(Statement.class, null, null, "raw"),
            new Spec(PreparedStatement.class, "StatementHandle", Statement.class, "rawPrepared"),
            new Spec(CallableStatement.class, "PreparedStatementHandle", PreparedStatement.class, "rawCallable"),
            new Spec(ResultSet.class, null, null, "raw"),
            new Spec(DatabaseMetaData.class, null, null, "raw"));

    private DelegationGenerator() {
    }

    /**
     * Regenerates every file into a source directory.
     *
     * @param args one argument: the directory that holds {@code dev/poolwise/...} (default
     *             {@code core/src/main/java})
     */
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : "core/src/main/java");
        for (Map.Entry<Path, String> file : generateAll().entrySet()) {
            Path target = root.resolve(file.getKey());
            Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
        }
    }

    /** @return each generated file's path under the source root, with its text */
    public static Map<Path, String> generateAll() {
        Map<Path, String> files = new LinkedHashMap<>();
        for (Spec spec : SPECS) {
            files.put(Path.of(PACKAGE.replace('.', '/'), spec.className() + ".java"), generate(spec));
        }
        return files;
    }

    static String generate(Spec spec) {
        Imports imports = new Imports();
        imports.add(SQLException.class);
        imports.add(spec.api());
        List<Method> methods = methods(spec);
        boolean wrapsResultSets = methods.stream().anyMatch(m -> m.getReturnType() == ResultSet.class);
        StringBuilder body = new StringBuilder();
        for (Method method : methods) {
            body.append('\n');
            method(spec, method, imports, body);
        }
        String api = spec.api().getSimpleName();
        StringBuilder out = new StringBuilder();
        out.append("// GENERATED by ").append(DelegationGenerator.class.getName())
                .append(" (core/src/test/java) from java.sql.").append(api).append(". Do not edit.\n")
                .append("// Regenerate: ").append(REGENERATE).append('\n')
                .append("package ").append(PACKAGE).append(";\n\n");
        for (String name : imports.names()) {
            out.append("import ").append(name).append(";\n");
        }
        out.append("\n/**\n")
                .append(" * The pure delegation of {@link ").append(api).append("}: each method checks that the handle is open,\n")
                .append(" * calls the driver's object and passes any {@link SQLException} through\n")
                .append(" * {@code onSqlException}. The methods with behaviour are left to the hand-written\n")
                .append(" * subclass. Generated, see {@code DelegationGenerator}.\n")
                .append(" */\n")
                .append("@SuppressWarnings(\"deprecation\")\n")
                .append("abstract class ").append(spec.className());
        if (spec.superclass() != null) {
            out.append(" extends ").append(spec.superclass());
        }
        out.append(" implements ").append(api).append(" {\n\n");
        if (spec.selfOwned()) {
            out.append("    /** The driver's connection. */\n")
                    .append("    final ").append(api).append(' ').append(spec.field()).append(";\n\n")
                    .append("    ").append(spec.className()).append("(").append(api).append(" raw) {\n")
                    .append("        this.").append(spec.field()).append(" = raw;\n")
                    .append("    }\n\n")
                    .append("    /**\n")
                    .append("     * The closed check at the top of every delegating method.\n")
                    .append("     *\n")
                    .append("     * @throws SQLException with SQLState {@code 08003} once the handle is dead\n")
                    .append("     */\n")
                    .append("    public abstract void checkOpen() throws SQLException;\n\n")
                    .append("    /**\n")
                    .append("     * Classifies a driver error (a fatal one dooms the physical connection) before it is rethrown.\n")
                    .append("     *\n")
                    .append("     * @param error what the driver threw\n")
                    .append("     * @return the same exception\n")
                    .append("     */\n")
                    .append("    public abstract SQLException onSqlException(SQLException error);\n");
        } else if (spec.superclass() == null) {
            out.append("    /** The connection handle this object belongs to. */\n")
                    .append("    final StatementOwner owner;\n\n")
                    .append("    /** The driver's object. */\n")
                    .append("    final ").append(api).append(' ').append(spec.field()).append(";\n\n")
                    .append("    ").append(spec.className()).append("(StatementOwner owner, ").append(api)
                    .append(" raw) {\n")
                    .append("        this.owner = owner;\n")
                    .append("        this.").append(spec.field()).append(" = raw;\n")
                    .append("    }\n\n")
                    .append("    /**\n")
                    .append("     * The closed check at the top of every delegating method.\n")
                    .append("     *\n")
                    .append("     * @throws SQLException with SQLState {@code 08003} once the handle is dead\n")
                    .append("     */\n")
                    .append("    abstract void checkOpen() throws SQLException;\n");
            if (wrapsResultSets) {
                out.append("\n    /**\n")
                        .append("     * @param rawResultSet a result set the driver returned; may be null\n")
                        .append("     * @return its wrapper, or null\n")
                        .append("     */\n")
                        .append("    abstract ResultSet wrap(ResultSet rawResultSet);\n");
            }
        } else {
            out.append("    /** The same driver object as the superclass holds, typed so that calls need no cast. */\n")
                    .append("    final ").append(api).append(' ').append(spec.field()).append(";\n\n")
                    .append("    ").append(spec.className()).append("(StatementOwner owner, ").append(api)
                    .append(" raw) {\n")
                    .append("        super(owner, raw);\n")
                    .append("        this.").append(spec.field()).append(" = raw;\n")
                    .append("    }\n");
        }
        out.append(body).append("}\n");
        return out.toString();
    }

    /** The methods to delegate, in a stable order: by name, then by parameter types. */
    private static List<Method> methods(Spec spec) {
        Set<String> inherited = new TreeSet<>();
        if (spec.inherited() != null) {
            for (Method m : spec.inherited().getMethods()) {
                inherited.add(signature(m));
            }
        }
        Map<String, Method> unique = new LinkedHashMap<>();
        for (Method m : spec.api().getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) || HAND_WRITTEN.contains(m.getName())
                    || spec.behaviour().contains(m.getName()) || inherited.contains(signature(m))) {
                continue;
            }
            unique.putIfAbsent(signature(m), m);
        }
        List<Method> methods = new ArrayList<>(unique.values());
        methods.sort(Comparator.comparing(DelegationGenerator::signature));
        return methods;
    }

    private static String signature(Method m) {
        return m.getName() + Arrays.stream(m.getParameterTypes()).map(Class::getTypeName)
                .collect(Collectors.joining(",", "(", ")"));
    }

    private static void method(Spec spec, Method method, Imports imports, StringBuilder out) {
        boolean throwsSql = Arrays.asList(method.getExceptionTypes()).contains(SQLException.class);
        if (!throwsSql && method.getExceptionTypes().length > 0) {
            throw new IllegalStateException("cannot delegate " + method + ": declares exceptions other than SQLException");
        }
        String typeParameters = "";
        if (method.getTypeParameters().length > 0) {
            typeParameters = Arrays.stream(method.getTypeParameters()).map(TypeVariable::getName)
                    .collect(Collectors.joining(", ", "<", "> "));
        }
        List<String> names = parameterNames(spec, method);
        Type[] types = method.getGenericParameterTypes();
        StringBuilder parameters = new StringBuilder();
        for (int i = 0; i < types.length; i++) {
            if (i > 0) {
                parameters.append(", ");
            }
            parameters.append(render(types[i], imports)).append(' ').append(names.get(i));
        }
        String returnType = render(method.getGenericReturnType(), imports);
        String call = spec.field() + "." + method.getName() + "(" + String.join(", ", names) + ")";
        if (method.getReturnType() == ResultSet.class) {
            call = "wrap(" + call + ")";
        }
        String statement = (method.getReturnType() == void.class ? "" : "return ") + call + ";";
        boolean marksExecution = method.getName().startsWith("execute")
                || (spec.api() == ResultSet.class && RESULT_SET_WRITES.contains(method.getName()));

        if (method.isAnnotationPresent(Deprecated.class)) {
            out.append("    @Deprecated\n");
        }
        out.append("    @Override\n")
                .append("    public ").append(typeParameters).append(returnType).append(' ').append(method.getName())
                .append('(').append(parameters).append(')');
        if (!throwsSql) {
            // Declared without SQLException (driver constants such as getDriverMajorVersion): no check to make.
            out.append(" {\n        ").append(statement).append("\n    }\n");
            return;
        }
        out.append(" throws SQLException {\n")
                .append("        ").append(spec.checkOpen()).append('\n');
        if (marksExecution) {
            out.append("        owner.beforeExecute();\n");
        }
        out.append("        try {\n")
                .append("            ").append(statement).append('\n')
                .append("        } catch (SQLException e) {\n")
                .append("            throw ").append(spec.errorHook()).append(";\n")
                .append("        }\n")
                .append("    }\n");
    }

    /**
     * Parameter names: the JDK's class files do not keep them, so they follow the JDBC Javadoc's conventions
     * by position and type ({@code columnIndex}, {@code parameterName}, {@code x}, {@code length}, ...).
     */
    private static List<String> parameterNames(Spec spec, Method method) {
        Class<?>[] types = method.getParameterTypes();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < types.length; i++) {
            Class<?> type = types[i];
            String name;
            String methodName = method.getName();
            boolean columnAccess = methodName.startsWith("get") || methodName.startsWith("update") || methodName.startsWith("set")
                    || methodName.startsWith("register") || methodName.equals("findColumn") || methodName.equals("wasNull");
            if (spec.api() == Connection.class) {
                name = type == String.class ? (methodName.equals("nativeSQL") ? "sql"
                        : methodName.startsWith("create") ? "typeName" : "name")
                        : type == Object[].class ? "elements" : decapitalize(type.getSimpleName());
            } else if (i == 0 && type == int.class && spec.api() == ResultSet.class && columnAccess
                    && !methodName.startsWith("setFetch")) {
                name = "columnIndex";
            } else if (i == 0 && type == String.class && spec.api() == ResultSet.class) {
                name = "columnLabel";
            } else if (i == 0 && type == int.class && spec.api() != Statement.class
                    && spec.api() != DatabaseMetaData.class && spec.api() != ResultSet.class && columnAccess) {
                name = "parameterIndex";
            } else if (i == 0 && type == String.class && spec.api() == CallableStatement.class) {
                name = "parameterName";
            } else if (i == 0 && type.isPrimitive() && spec.api() != DatabaseMetaData.class) {
                name = "value";
            } else if (i == 0 && type == String.class && spec.api() != DatabaseMetaData.class) {
                name = "sql";
            } else if (type == java.util.Calendar.class) {
                name = "cal";
            } else if (type == java.sql.SQLType.class) {
                name = "sqlType";
            } else if (type == Map.class) {
                name = "map";
            } else if (type == Class.class) {
                name = "type";
            } else if ((type == long.class || type == int.class) && i > 0
                    && (types[i - 1] == java.io.InputStream.class || types[i - 1] == java.io.Reader.class)) {
                name = "length";
            } else if (type == int[].class) {
                name = "columnIndexes";
            } else if (type == String[].class) {
                name = spec.api() == DatabaseMetaData.class ? "types" : "columnNames";
            } else if (spec.api() == DatabaseMetaData.class) {
                name = type == String.class ? "pattern" : type.isPrimitive() ? "value" : decapitalize(type.getSimpleName());
            } else {
                name = "x";
            }
            names.add(name);
        }
        // Make repeated names unique: x, x2, x3.
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            int count = seen.merge(name, 1, Integer::sum);
            if (count > 1) {
                names.set(i, name + count);
            }
        }
        return names;
    }

    private static String decapitalize(String name) {
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private static String render(Type type, Imports imports) {
        if (type instanceof Class<?> c) {
            if (c.isArray()) {
                return render(c.getComponentType(), imports) + "[]";
            }
            imports.add(c);
            return c.getSimpleName();
        }
        if (type instanceof ParameterizedType p) {
            return render(p.getRawType(), imports) + Arrays.stream(p.getActualTypeArguments())
                    .map(t -> render(t, imports)).collect(Collectors.joining(", ", "<", ">"));
        }
        if (type instanceof WildcardType w) {
            if (w.getLowerBounds().length > 0) {
                return "? super " + render(w.getLowerBounds()[0], imports);
            }
            Type upper = w.getUpperBounds()[0];
            return upper == Object.class ? "?" : "? extends " + render(upper, imports);
        }
        if (type instanceof TypeVariable<?> v) {
            return v.getName();
        }
        if (type instanceof GenericArrayType a) {
            return render(a.getGenericComponentType(), imports) + "[]";
        }
        throw new IllegalArgumentException("unexpected type " + type);
    }

    /** The imports a generated file needs, sorted. */
    private static final class Imports {
        private final Set<String> names = new TreeSet<>();

        void add(Class<?> type) {
            if (type.isPrimitive() || type.getPackageName().equals("java.lang")
                    || type.getPackageName().equals(PACKAGE)) {
                return;
            }
            names.add(type.getName().replace('$', '.'));
        }

        Set<String> names() {
            return names;
        }
    }
}
