package dev.syndicast.posts.batch;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.partition.PartitionMapper;
import jakarta.batch.api.partition.PartitionPlan;
import jakarta.batch.api.partition.PartitionPlanImpl;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Splits a large CSV into row ranges that import side by side, each with its own chunks, transactions and
 * checkpoint: on a database-bound import the database then works on several chunks at once. A file of up to
 * {@link #ROWS_PER_PARTITION} rows stays one partition; row numbers stay those of the file, so results and the error
 * report read the same. A restart goes on with the same ranges, each from its own checkpoint.
 */
@Named
@Dependent
public class PostCsvPartitions implements PartitionMapper {

    static final long ROWS_PER_PARTITION = 10_000;

    @Inject
    @BatchProperty
    String file;

    /** At most this many partitions. */
    @Inject
    @BatchProperty
    String partitions;

    @Override
    public PartitionPlan mapPartitions() throws IOException {
        long rows = count(Path.of(file));
        int most = partitions == null || partitions.isBlank() ? 1 : Math.max(1, Integer.parseInt(partitions.strip()));
        int count = (int) Math.max(1, Math.min(most, (rows + ROWS_PER_PARTITION - 1) / ROWS_PER_PARTITION));
        Properties[] ranges = new Properties[count];
        long size = (rows + count - 1) / count;
        for (int i = 0; i < count; i++) {
            ranges[i] = new Properties();
            ranges[i].setProperty("firstRow", Long.toString(i * size + 1));
            // The last range takes everything after its start, so nothing is left out whatever the count said.
            ranges[i].setProperty("lastRow", i == count - 1 ? "" : Long.toString((i + 1) * size));
        }
        PartitionPlanImpl plan = new PartitionPlanImpl();
        plan.setPartitions(count);
        plan.setThreads(count);
        plan.setPartitionProperties(ranges);
        plan.setPartitionsOverride(false);
        return plan;
    }

    /**
     * About how many data rows the CSV has, to size the ranges: records ended by a line break outside quoted cells,
     * less the header, empty lines not counted. A byte scan (in UTF-8 no character but these uses the bytes of
     * quotes, commas and line breaks), many times faster than parsing: the partitions start sooner, and the mapper
     * no longer parses the whole file once before any row is imported. Should a malformed file make it miscount, the
     * ranges are only uneven: the readers number rows with the real parser, and the last range runs to the end.
     */
    static long count(Path csv) throws IOException {
        long records = 0;
        boolean quoted = false;
        boolean justClosed = false;
        boolean fieldStart = true;
        boolean content = false;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(csv)) {
            for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                for (int i = 0; i < n; i++) {
                    byte b = buffer[i];
                    if (quoted) {
                        if (b == '"') {
                            quoted = false;
                            justClosed = true;
                        }
                        continue;
                    }
                    if (justClosed) {
                        justClosed = false;
                        if (b == '"') {
                            // "" inside a quoted cell is one quote: still inside.
                            quoted = true;
                            continue;
                        }
                    }
                    if (b == '\n' || b == '\r') {
                        if (content) {
                            records++;
                        }
                        content = false;
                        fieldStart = true;
                        continue;
                    }
                    content = true;
                    if (b == '"' && fieldStart) {
                        quoted = true;
                    }
                    fieldStart = b == ',';
                }
            }
        }
        if (content || quoted) {
            records++;
        }
        return Math.max(0, records - 1);
    }
}
