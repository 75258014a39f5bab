package dev.syndicast.media.batch;

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
import java.io.Reader;
import java.io.Serializable;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Reads the URLs of a bulk media import: from the {@code urls} parameter (one per line, or comma-separated), or
 * from an uploaded CSV ({@code file}) whose first column is the URL, with optional {@code folder_path} and
 * {@code tags} columns (a header row naming them is recognised). The checkpoint is the number of the last URL
 * handed out, so a restart goes on after it.
 */
@Named
@Dependent
public class UrlListReader extends AbstractItemReader {

    @Inject
    @BatchProperty
    String urls;

    @Inject
    @BatchProperty
    String file;

    @Inject
    @BatchProperty
    String folderPath;

    @Inject
    @BatchProperty
    String tags;

    private CSVParser parser;
    private Iterator<CSVRecord> records;
    private int urlColumn;
    private int folderColumn = -1;
    private int tagsColumn = -1;
    private long number;

    @Override
    public void open(Serializable checkpoint) throws IOException {
        Reader source = blank(file) ? new StringReader(blank(urls) ? "" : urls.replace(',', '\n'))
                : CsvFiles.open(Path.of(file));
        parser = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).setTrim(true).get().parse(source);
        records = parser.iterator();
        long done = checkpoint == null ? 0 : (Long) checkpoint;
        while (number < done && next() != null) {
            // Skips what the failed run already handed out.
        }
    }

    @Override
    public Object readItem() {
        return next();
    }

    private UrlItem next() {
        while (records.hasNext()) {
            CSVRecord record = records.next();
            if (number == 0 && isHeader(record)) {
                continue;
            }
            number++;
            String url = cell(record, urlColumn);
            String folder = folderColumn >= 0 && !blank(cell(record, folderColumn)) ? cell(record, folderColumn) : folderPath;
            String tagList = tagsColumn >= 0 && !blank(cell(record, tagsColumn)) ? cell(record, tagsColumn) : tags;
            return new UrlItem(number, url == null ? "" : url, blank(folder) ? null : folder, split(tagList));
        }
        return null;
    }

    private boolean isHeader(CSVRecord record) {
        List<String> cells = record.stream().map(c -> c.toLowerCase(Locale.ROOT)).toList();
        if (!cells.contains("url") && !cells.contains("source_url")) {
            return false;
        }
        urlColumn = cells.contains("url") ? cells.indexOf("url") : cells.indexOf("source_url");
        folderColumn = cells.indexOf("folder_path");
        tagsColumn = cells.indexOf("tags");
        return true;
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


    private static String cell(CSVRecord record, int column) {
        return column < record.size() ? record.get(column) : null;
    }

    private static List<String> split(String list) {
        return blank(list) ? List.of() : Arrays.stream(list.split("[,;|]")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
