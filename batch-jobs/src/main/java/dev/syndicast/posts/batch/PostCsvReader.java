package dev.syndicast.posts.batch;

import dev.syndicast.batch.CsvFiles;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the rows of a post CSV (the columns the external API v1 documents, named in a header row; UTF-8, with or
 * without a byte-order mark; quoted cells with commas and line breaks). A row of the wrong width is still read, with
 * its problem noted, so the error report names it. The checkpoint is the number of the last row handed out. In a
 * partition it reads its own rows ({@code firstRow} to {@code lastRow}) and skips the others unparsed into items.
 */
@Named
@Dependent
public class PostCsvReader extends AbstractItemReader {

    @Inject
    @BatchProperty
    String file;

    /** The partition's first and last row (1 is the first row after the header); empty: the whole file. */
    @Inject
    @BatchProperty
    String firstRow;

    @Inject
    @BatchProperty
    String lastRow;

    private long last;

    private CSVParser parser;
    private Iterator<CSVRecord> records;
    private List<String> header;
    private long number;

    @Override
    public void open(Serializable checkpoint) throws IOException {
        parser = parse(Path.of(file));
        header = parser.getHeaderNames().stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
        if (!header.contains("content") || !header.contains("platforms")) {
            throw new IllegalArgumentException("The CSV needs a header row with at least the columns content and platforms; it has " + header);
        }
        records = parser.iterator();
        long first = firstRow == null || firstRow.isBlank() ? 1 : Long.parseLong(firstRow);
        last = lastRow == null || lastRow.isBlank() ? Long.MAX_VALUE : Long.parseLong(lastRow);
        long done = checkpoint == null ? first - 1 : (Long) checkpoint;
        // Skips the rows of earlier partitions and what a failed run already handed out, parsed but not made into items.
        while (number < done && records.hasNext()) {
            records.next();
            number++;
        }
    }

    /** The CSV format of post imports: a header row names the columns (any case, any order). */
    static CSVParser parse(Path csv) throws IOException {
        return CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).setHeader().setSkipHeaderRecord(true)
                .setAllowMissingColumnNames(true).setIgnoreHeaderCase(true).setTrim(false).get()
                .parse(CsvFiles.open(csv));
    }

    @Override
    public Object readItem() {
        return number >= last ? null : next();
    }

    private CsvRow next() {
        if (!records.hasNext()) {
            return null;
        }
        CSVRecord record = records.next();
        number++;
        Map<String, String> cells = new LinkedHashMap<>();
        for (int i = 0; i < Math.min(header.size(), record.size()); i++) {
            cells.put(header.get(i), record.get(i));
        }
        String problem = record.size() == header.size() ? null
                : "The row has " + record.size() + " cells; the header has " + header.size() + " columns";
        return new CsvRow(number, cells, problem);
    }

    @Override
    public Serializable checkpointInfo() {
        return number;
    }

    @Override
    public void close() throws IOException {
        if (parser != null) {
            parser.close();
        }
    }
}
