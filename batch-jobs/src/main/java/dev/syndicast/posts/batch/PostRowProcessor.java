package dev.syndicast.posts.batch;

import dev.syndicast.posts.control.PostImport;
import dev.syndicast.platforms.control.PlatformRegistry;
import dev.syndicast.posts.control.PostRow;
import dev.syndicast.posts.control.PostRowParser;
import jakarta.annotation.PostConstruct;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.time.Clock;

/**
 * Turns a CSV row into a post draft with {@link PostRowParser} (the columns are its fields), or rejects it with the
 * parser's reason, the row's number and the start of its content for the run's error report.
 */
@Named
@Dependent
public class PostRowProcessor implements ItemProcessor {

    @Inject
    PlatformRegistry platforms;

    @Inject
    Clock clock;

    private PostRowParser parser;

    @PostConstruct
    void start() {
        parser = new PostRowParser(platforms, clock);
    }

    @Override
    public Object processItem(Object item) throws RowRejectedException {
        CsvRow row = (CsvRow) item;
        String excerpt = excerpt(row);
        PostRowParser.Parsed parsed = parser.parse(new PostRow(row.cells(), row.problem()));
        if (!parsed.ok()) {
            throw new RowRejectedException(row.number(), excerpt, parsed.error().message());
        }
        return new PostImport(row.number(), excerpt, parsed.draft());
    }

    /** What the error report shows of a row: the start of its content, never the whole 10 MB. */
    static String excerpt(CsvRow row) {
        String content = row.cells().getOrDefault("content", "");
        content = content == null ? "" : content.strip();
        return content.length() > 120 ? content.substring(0, 119) + "…" : content;
    }
}
