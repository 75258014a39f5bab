package dev.syndicast.batch.entity;

/**
 * What a job did with one item: {@code ok} with a reference to what it made (a media item id, a post id), or
 * {@code error} with the reason, which the error report shows next to the item's number.
 */
public record ItemOutcome(boolean ok, String reference, String detail) {

    public static ItemOutcome done(String reference, String detail) {
        return new ItemOutcome(true, reference, detail);
    }

    public static ItemOutcome failed(String reason) {
        return new ItemOutcome(false, null, reason);
    }
}
