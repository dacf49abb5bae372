package vn.danvan.common.sql;

import java.util.Collection;
import java.util.Objects;
import java.util.stream.Collectors;

/** PostgreSQL array literals for native statements, cast there ({@code cast(?1 AS uuid[])}). */
public final class SqlArrays {
    private SqlArrays() {
    }

    /**
     * Values as an array literal, null as {@code NULL}. Only for values whose text needs no quoting in a literal:
     * ids, ISO dates, numbers.
     */
    public static String literal(Collection<?> values) {
        return values.stream().map(v -> Objects.toString(v, "NULL")).collect(Collectors.joining(",", "{", "}"));
    }
}
