package dev.syndicast.tenancy.entity;

import dev.syndicast.core.entity.InvalidInputException;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * A workspace's profile and schedule settings (the external API v1's settings). Scheduling reads the time zone and the
 * posting windows; the settings are replaced as a whole and checked together, so they are never half valid.
 */
@Entity
@Table(name = "workspace_settings")
public class WorkspaceSettings {

    public static final String DEFAULT_TIMEZONE = "UTC";
    public static final int DEFAULT_MIN_GAP_MINUTES = 60;
    public static final int MAX_WINDOWS = 70;
    public static final int MAX_GAP_MINUTES = 7 * 24 * 60;

    @Id
    @Column(name = "workspace_id")
    private UUID workspaceId;

    @Column(name = "display_name", length = 200)
    private String displayName;

    @Column(name = "contact_email", length = 254)
    private String contactEmail;

    @Column(length = 500)
    private String website;

    @Column(nullable = false, length = 64)
    private String timezone;

    @Column(name = "min_gap_minutes", nullable = false)
    private int minGapMinutes;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "posting_windows", joinColumns = @JoinColumn(name = "workspace_id"))
    @OrderColumn(name = "position")
    private List<PostingWindow> postingWindows = new ArrayList<>();

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected WorkspaceSettings() {
        // JPA
    }

    /** What a workspace has before anyone changes its settings. */
    public static WorkspaceSettings defaults(UUID workspaceId, Instant now) {
        WorkspaceSettings settings = new WorkspaceSettings();
        settings.workspaceId = workspaceId;
        settings.timezone = DEFAULT_TIMEZONE;
        settings.minGapMinutes = DEFAULT_MIN_GAP_MINUTES;
        settings.updatedAt = now;
        return settings;
    }

    /**
     * Changes what is named and keeps the rest: a {@code null} argument leaves its setting as it is, so a body that
     * names only the profile never resets the schedule (time zone, gap, windows) to the defaults. An empty
     * contact e-mail or website clears it; an empty window list removes every window.
     */
    public void update(String displayName, String contactEmail, String website, String timezone,
                       Integer minGapMinutes, List<PostingWindow> windows, Instant now) {
        if (displayName != null && (displayName.isBlank() || displayName.length() > 200)) {
            throw new InvalidInputException("profile.display_name must be 1-200 characters");
        }
        String email = contactEmail == null ? this.contactEmail
                : contactEmail.isBlank() ? null : User.normaliseEmail(contactEmail);
        if (website != null && !website.isBlank()
                && (website.length() > 500 || !(website.startsWith("https://") || website.startsWith("http://")))) {
            throw new InvalidInputException("profile.website must be an http(s) URL of at most 500 characters");
        }
        String zone = timezone == null ? this.timezone : validZone(timezone);
        int gap = minGapMinutes == null ? this.minGapMinutes : minGapMinutes;
        if (gap < 0 || gap > MAX_GAP_MINUTES) {
            throw new InvalidInputException("schedule.min_gap_minutes must be between 0 and " + MAX_GAP_MINUTES);
        }
        List<PostingWindow> sorted = (windows == null ? postingWindows : windows).stream()
                .sorted(Comparator.comparing(PostingWindow::day).thenComparing(PostingWindow::start)).toList();
        if (sorted.size() > MAX_WINDOWS) {
            throw new InvalidInputException("schedule.posting_windows allows at most " + MAX_WINDOWS + " windows");
        }
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i - 1).overlaps(sorted.get(i))) {
                throw new InvalidInputException("schedule.posting_windows overlap on " + sorted.get(i).day());
            }
        }
        if (displayName != null) {
            this.displayName = displayName.strip();
        }
        this.contactEmail = email;
        if (website != null) {
            this.website = website.isBlank() ? null : website.strip();
        }
        this.timezone = zone;
        this.minGapMinutes = gap;
        if (windows != null) {
            this.postingWindows.clear();
            this.postingWindows.addAll(sorted);
        }
        this.updatedAt = now;
    }

    private static String validZone(String timezone) {
        try {
            return ZoneId.of(timezone.strip()).getId();
        } catch (DateTimeException e) {
            throw new InvalidInputException("schedule.timezone is not a known time zone: " + abbreviate(timezone));
        }
    }

    private static String abbreviate(String value) {
        return value.length() > 64 ? value.substring(0, 64) + "..." : value;
    }

    public ZoneId zone() {
        return ZoneId.of(timezone);
    }

    public UUID getWorkspaceId() { return workspaceId; }
    public String getDisplayName() { return displayName; }
    public String getContactEmail() { return contactEmail; }
    public String getWebsite() { return website; }
    public String getTimezone() { return timezone; }
    public int getMinGapMinutes() { return minGapMinutes; }
    public List<PostingWindow> getPostingWindows() { return List.copyOf(postingWindows); }
    public Instant getUpdatedAt() { return updatedAt; }
}
