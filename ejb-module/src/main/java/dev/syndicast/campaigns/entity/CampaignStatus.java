package dev.syndicast.campaigns.entity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Life of a {@link Campaign}: prepared as a draft, active while its posts go out, archived when done. */
public enum CampaignStatus {
    DRAFT, ACTIVE, ARCHIVED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status a wire name means (any case, surrounding blanks ignored), if any. */
    public static Optional<CampaignStatus> fromWire(String value) {
        return value == null ? Optional.empty()
                : Arrays.stream(values()).filter(s -> s.wire().equals(value.strip().toLowerCase(Locale.ROOT))).findFirst();
    }
}
