package dev.syndicast.core.control;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class BulkInsertTest {

    record Row(UUID id, String name, Instant at, int count, Boolean flag) {
    }

    private static final BulkInsert<Row> ROWS = BulkInsert.<Row>into("things")
            .uuid("id", Row::id).text("name", Row::name).timestamp("at", Row::at).integer("count", Row::count)
            .bool("flag", Row::flag).onConflict("(id) do nothing");

    @Test
    void oneStatementTakesEveryColumnAsATextArrayCastToItsType() {
        assertThat(ROWS.sql()).isEqualTo("insert into things (id, name, at, count, flag) select * from unnest("
                + "?::text[]::uuid[], ?::text[]::text[], ?::text[]::timestamptz[], ?::text[]::bigint[], ?::text[]::boolean[])"
                + " on conflict (id) do nothing");
    }

    @Test
    void eachColumnBecomesOneArrayWithARowsValueInItsPlaceAndNullsKept() throws Exception {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        Instant now = Instant.parse("2026-11-23T12:00:00.123456Z");
        Recorder recorder = new Recorder();

        int written = ROWS.write(recorder.connection(), List.of(new Row(a, "first, \"quoted\"", now, 1, true),
                new Row(b, null, now, 2, null)));

        assertThat(written).isEqualTo(2);
        assertThat(recorder.arrays).containsExactly(
                new String[] {a.toString(), b.toString()},
                new String[] {"first, \"quoted\"", null},
                new String[] {"2026-11-23T12:00:00.123456Z", "2026-11-23T12:00:00.123456Z"},
                new String[] {"1", "2"},
                new String[] {"true", null});
        assertThat(recorder.executions).isEqualTo(1);
    }

    @Test
    void noRowsMeansNoStatement() throws Exception {
        Recorder recorder = new Recorder();

        assertThat(ROWS.write(recorder.connection(), List.of())).isZero();
        assertThat(recorder.executions).isZero();
    }

    /** A JDBC connection that keeps the arrays it is given and counts executions. */
    static final class Recorder {
        final List<String[]> arrays = new ArrayList<>();
        int executions;

        Connection connection() {
            return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "createArrayOf" -> {
                            assertThat(args[0]).isEqualTo("text");
                            arrays.add((String[]) args[1]);
                            yield Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Array.class}, (p, m, a) -> null);
                        }
                        case "prepareStatement" -> statement();
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }

        private PreparedStatement statement() {
            return (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {PreparedStatement.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "setArray", "close" -> null;
                        case "executeUpdate" -> {
                            executions++;
                            yield arrays.isEmpty() ? 0 : arrays.get(0).length;
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }
    }
}
