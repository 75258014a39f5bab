package dev.syndicast.core.entity;

/**
 * One page of a list, as the caller asked for it: {@code page} counts from 1, {@code limit} rows per page. Every paged
 * route builds it with {@link #of} from its query parameters and its own largest page, so all of them answer the
 * same values the same way: a page below 1 or a limit outside 1 to the route's maximum is 400; a page whose first row
 * lies past the largest row offset a query takes (2,147,483,647) is 422 naming {@code page}, where it once overflowed
 * to a negative offset and a 500.
 */
public record PageRequest(int page, int limit) {

    /** The page size of a route that names no other. */
    public static final int DEFAULT_LIMIT = 50;

    public PageRequest {
        if (page < 1 || limit < 1) {
            throw new InvalidInputException("page and limit must be 1 or more");
        }
        if ((page - 1L) * limit > Integer.MAX_VALUE) {
            throw new FieldRejectedException("page", "must be at most " + (Integer.MAX_VALUE / limit + 1) + " at this limit");
        }
    }

    /** The page the query parameters ask for (absent: the first page of {@link #DEFAULT_LIMIT}). */
    public static PageRequest of(Integer page, Integer limit, int maxLimit) {
        return of(page, limit, DEFAULT_LIMIT, maxLimit);
    }

    public static PageRequest of(Integer page, Integer limit, int defaultLimit, int maxLimit) {
        return of(page, limit, defaultLimit, maxLimit, "limit");
    }

    /**
     * @param limitName the page size's parameter on the wire, for the message: {@code limit}, or {@code page_size} on
     *                  the video generation API, whose wire shape is kept for its existing clients
     */
    public static PageRequest of(Integer page, Integer limit, int defaultLimit, int maxLimit, String limitName) {
        int number = page == null ? 1 : page;
        int size = limit == null ? defaultLimit : limit;
        if (number < 1 || size < 1 || size > maxLimit) {
            throw new InvalidInputException("page must be 1 or more and " + limitName + " between 1 and " + maxLimit);
        }
        return new PageRequest(number, size);
    }

    /** The first row of the page, for {@code setFirstResult}. */
    public int firstResult() {
        return (page - 1) * limit;
    }
}
