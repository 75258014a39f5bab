package dev.syndicast.campaigns.entity;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a calendar entry plans: a blog article, a video or a social post. Syndicast publishes social posts and videos;
 * a blog entry stays in the calendar for the people who plan it and takes no post when the campaign is scheduled.
 */
public enum Channel {
    BLOG("blog"), VIDEO("video"), SOCIAL("social");

    private final String wire;

    Channel(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** Whether a post of the campaign can take an entry of this channel. */
    public boolean takesAPost() {
        return this != BLOG;
    }

    public static Optional<Channel> fromWire(String value) {
        return Arrays.stream(values()).filter(c -> c.wire.equals(value)).findFirst();
    }
}
