package dev.syndicast.batch;

import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opening the CSVs people export from spreadsheets: UTF-8, and the byte-order mark many of them write is not data. */
public final class CsvFiles {

    private CsvFiles() {
    }

    public static Reader open(Path file) throws IOException {
        return withoutByteOrderMark(Files.newBufferedReader(file, StandardCharsets.UTF_8));
    }

    public static Reader withoutByteOrderMark(Reader reader) throws IOException {
        PushbackReader pushback = new PushbackReader(reader, 1);
        int first = pushback.read();
        if (first != -1 && first != '\uFEFF') {
            pushback.unread(first);
        }
        return pushback;
    }
}
