package dev.syndicast.core.control;

import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Writes many new rows of one table in a single statement: every column travels as one array parameter and
 * PostgreSQL's {@code unnest} turns the arrays back into rows ({@code insert into t (a, b) select * from
 * unnest(?::uuid[], ?::text[])}). One round trip and one parse per table per batch instead of one per row, which is
 * what lets a CSV import write tens of thousands of posts a second. Plain JDBC arrays of text (cast by the server to
 * each column's type), so no driver classes are needed and the statement runs on the connection of the caller's
 * transaction.
 *
 * <p>For new rows only: the columns left out take their defaults. Whoever declares the columns keeps them in line
 * with the entity's mapping; the tests read the written rows back through JPA.
 *
 * @param <T> what one row is made from
 */
public final class BulkInsert<T> {

    private record Column<T>(String name, String type, Function<T, ?> value, Function<Object, String> format) {
    }

    private final String table;
    private final List<Column<T>> columns = new ArrayList<>();
    private String onConflict = "";

    private BulkInsert(String table) {
        this.table = Objects.requireNonNull(table);
    }

    public static <T> BulkInsert<T> into(String table) {
        return new BulkInsert<>(table);
    }

    public BulkInsert<T> uuid(String column, Function<T, UUID> value) {
        return column(column, "uuid", value, Object::toString);
    }

    public BulkInsert<T> text(String column, Function<T, String> value) {
        return column(column, "text", value, String.class::cast);
    }

    public BulkInsert<T> timestamp(String column, Function<T, Instant> value) {
        // Instant.toString is ISO-8601 in UTC, which timestamptz reads exactly (to the microsecond it keeps).
        return column(column, "timestamptz", value, Object::toString);
    }

    public BulkInsert<T> integer(String column, Function<T, Number> value) {
        return column(column, "bigint", value, Object::toString);
    }

    public BulkInsert<T> bool(String column, Function<T, Boolean> value) {
        return column(column, "boolean", value, Object::toString);
    }

    /** What to do when a row's key is taken, as SQL after {@code on conflict}, e.g. {@code (id) do nothing}. */
    public BulkInsert<T> onConflict(String clause) {
        this.onConflict = " on conflict " + clause;
        return this;
    }

    private BulkInsert<T> column(String name, String type, Function<T, ?> value, Function<Object, String> format) {
        columns.add(new Column<>(name, type, value, format));
        return this;
    }

    String sql() {
        String names = columns.stream().map(Column::name).collect(Collectors.joining(", "));
        String arrays = columns.stream().map(c -> "?::text[]::" + c.type() + "[]").collect(Collectors.joining(", "));
        return "insert into " + table + " (" + names + ") select * from unnest(" + arrays + ")" + onConflict;
    }

    /** Writes the rows on the connection of the entity manager's current transaction; nothing when there are none. */
    public int write(EntityManager em, List<T> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        return em.unwrap(Session.class).doReturningWork(connection -> write(connection, rows));
    }

    public int write(Connection connection, List<T> rows) throws SQLException {
        if (rows.isEmpty()) {
            return 0;
        }
        try (PreparedStatement insert = connection.prepareStatement(sql())) {
            for (int c = 0; c < columns.size(); c++) {
                Column<T> column = columns.get(c);
                String[] cells = new String[rows.size()];
                Object previous = null;
                String previousText = null;
                for (int r = 0; r < cells.length; r++) {
                    Object value = column.value().apply(rows.get(r));
                    if (value != null && !value.equals(previous)) {
                        // Neighbouring rows often share a value (the workspace, the status, the import's "now"):
                        // formatted once, not once per row.
                        previous = value;
                        previousText = column.format().apply(value);
                    }
                    cells[r] = value == null ? null : previousText;
                }
                insert.setArray(c + 1, connection.createArrayOf("text", cells));
            }
            return insert.executeUpdate();
        }
    }
}
