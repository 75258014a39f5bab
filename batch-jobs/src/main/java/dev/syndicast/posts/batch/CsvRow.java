package dev.syndicast.posts.batch;

import java.io.Serializable;
import java.util.Map;

/**
 * One data row of the CSV: its number (1 is the first row after the header), its cells by column name, and what
 * is wrong with its shape, if anything (the processor turns that into a row error).
 */
public record CsvRow(long number, Map<String, String> cells, String problem) implements Serializable {
}
