package dev.syndicast.posts.batch;

import org.apache.commons.csv.CSVParser;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The mapper's byte scan counts the rows the readers' parser will read, on the files people actually send. */
class PostCsvPartitionsTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {
            "content,platforms\na,twitter\nb,twitter\n",
            "content,platforms\r\na,twitter\r\nb,twitter",                       // CRLF, no line break at the end
            "\uFEFFcontent,platforms\na,twitter\n",                              // byte-order mark
            "content,platforms\n\"multi\nline, with comma\",twitter\n\nb,x\n\n",  // quoted line break, empty lines
            "content,platforms\n\"say \"\"hi\"\"\nthere\",twitter\nc,x\n",        // escaped quotes around a line break
            "content,platforms\nab\"c,twitter\nd,x\n",                             // a quote inside an unquoted cell is text
            "content,platforms\n\"\",twitter\n\"\"\n",                             // empty quoted cells
            "content,platforms\nünïcödé ✓,twitter\n\"ü\nü\",x\n",                 // multi-byte characters
            "content,platforms\n",
            ""
    })
    void theScanCountsWhatTheParserReads(String text) throws Exception {
        Path csv = dir.resolve("posts.csv");
        Files.writeString(csv, text, StandardCharsets.UTF_8);
        long parsed;
        try (CSVParser parser = PostCsvReader.parse(csv)) {
            parsed = parser.stream().count();
        }
        assertThat(PostCsvPartitions.count(csv)).isEqualTo(parsed);
    }
}
