package dev.syndicast.core.entity;

/** The first row of a page, for {@code setFirstResult}. */
public final class Paging {

    private Paging() {
    }

    /**
     * {@code (page - 1) * limit}, refused with 422 when it does not fit an int: {@code page=2147483647} used to
     * overflow to a negative offset that Hibernate rejected as a 500.
     */
    public static int firstResult(int page, int limit) {
        long first = (Math.max(1, page) - 1L) * Math.max(1, limit);
        if (first > Integer.MAX_VALUE) {
            throw new FieldRejectedException("page", "must be at most " + (Integer.MAX_VALUE / Math.max(1, limit) + 1)
                    + " at this limit");
        }
        return (int) first;
    }
}
