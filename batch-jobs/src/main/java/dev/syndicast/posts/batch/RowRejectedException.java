package dev.syndicast.posts.batch;

/** A row that cannot become a post; declared skippable in the job XML, so the job notes it and goes on. */
public class RowRejectedException extends Exception {

    private final long row;
    private final String excerpt;

    public RowRejectedException(long row, String excerpt, String reason) {
        super(reason);
        this.row = row;
        this.excerpt = excerpt;
    }

    public long row() {
        return row;
    }

    public String excerpt() {
        return excerpt;
    }
}
