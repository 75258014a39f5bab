package dev.syndicast.campaigns.entity;

import dev.syndicast.core.entity.ConflictException;
import dev.syndicast.core.entity.InvalidFieldException;
import dev.syndicast.core.entity.TimeOrderedIds;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A workspace's campaign: its name and description, the kind of client it is for, its status, an optional flat
 * calendar of day entries and an optional default cadence. Its status moves only through {@link #moveTo}, which refuses
 * what the status machine does not allow: draft to active or archived, active to archived, archived back to active;
 * nothing returns to draft. An archived campaign is read-only (restore it first), takes no new posts and is not
 * scheduled; a draft one may be previewed (a dry run) but is scheduled only once active.
 */
@Entity
@Table(name = "campaigns")
@NamedQuery(name = Campaign.FIND_IN_WORKSPACE, query = "select c from Campaign c where c.id = :id and c.workspaceId = :workspace")
public class Campaign {

    public static final String FIND_IN_WORKSPACE = "Campaign.findInWorkspace";
    public static final int MAX_NAME = 200;
    public static final int MAX_DESCRIPTION = 5000;
    public static final int MAX_CLIENT_TYPE = 100;

    @Id
    private UUID id;

    @Column(name = "workspace_id", nullable = false)
    private UUID workspaceId;

    @Column(nullable = false, length = MAX_NAME)
    private String name;

    @Column(columnDefinition = "text")
    private String description;

    @Column(name = "client_type", length = MAX_CLIENT_TYPE)
    private String clientType;

    @Convert(converter = CampaignConverters.Status.class)
    @Column(nullable = false, length = 16)
    private CampaignStatus status;

    @Convert(converter = CampaignConverters.Calendar.class)
    @Column(nullable = false, columnDefinition = "text")
    private List<CalendarEntry> calendar;

    @Convert(converter = CampaignConverters.CadenceJson.class)
    @Column(columnDefinition = "text")
    private Cadence cadence;

    @Column(name = "created_by")
    private String createdBy;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    /**
     * What a campaign is about. On create, absent parts are empty; on edit ({@link #edit}), a {@code null} part stays as
     * it is, an empty description or client type clears it, an empty calendar removes every entry, and
     * {@code clearCadence} removes the default cadence.
     */
    public record Details(String name, String description, String clientType, List<CalendarEntry> calendar, Cadence cadence,
                          boolean clearCadence) {

        /** Whether these details name nothing to change (a patch of the status alone). */
        public boolean changeNothing() {
            return name == null && description == null && clientType == null && calendar == null && cadence == null && !clearCadence;
        }
    }

    protected Campaign() {
        // JPA
    }

    public Campaign(UUID workspaceId, Details details, String createdBy, Instant now) {
        this.id = TimeOrderedIds.next();
        this.workspaceId = Objects.requireNonNull(workspaceId, "workspaceId");
        this.status = CampaignStatus.DRAFT;
        this.createdBy = createdBy;
        this.createdAt = now;
        if (details.name() == null) {
            throw new InvalidFieldException("name", "is required");
        }
        this.calendar = List.of();
        apply(details, now);
    }

    /** Changes what the campaign is about; an archived campaign is read-only. */
    public void edit(Details details, Instant now) {
        if (status == CampaignStatus.ARCHIVED) {
            throw new ConflictException("Campaign " + id + " is archived: restore it (status active) before editing it");
        }
        apply(details, now);
    }

    /**
     * Moves the campaign to {@code next}: draft to active or archived, active to archived, archived back to active
     * (restored). Asking for the status it has already changes nothing; returning to draft is refused (409).
     */
    public void moveTo(CampaignStatus next, Instant now) {
        Objects.requireNonNull(next, "next");
        if (next == status) {
            return;
        }
        if (next == CampaignStatus.DRAFT) {
            throw new ConflictException("Campaign " + id + " is " + status.wire() + " and cannot return to draft"
                    + (status == CampaignStatus.ACTIVE ? "; archive it when it is done" : "; restore it with status active"));
        }
        status = next;
        updatedAt = now;
    }

    /** Whether posts may be linked to the campaign: not once it is archived. */
    public boolean takesPosts() {
        return status != CampaignStatus.ARCHIVED;
    }

    /** A real run needs an active campaign; a dry run previews a draft one too; an archived one is never scheduled. */
    public void requireSchedulable(boolean dryRun) {
        if (status == CampaignStatus.ARCHIVED) {
            throw new ConflictException("Campaign " + id + " is archived and is not scheduled; restore it (status active) first");
        }
        if (status == CampaignStatus.DRAFT && !dryRun) {
            throw new ConflictException("Campaign " + id + " is a draft: activate it (status active) before scheduling its posts,"
                    + " or preview the schedule with dry_run");
        }
    }

    private void apply(Details d, Instant now) {
        if (d.name() != null) {
            String trimmed = d.name().strip();
            if (trimmed.isEmpty()) {
                throw new InvalidFieldException("name", "must not be blank");
            }
            if (trimmed.length() > MAX_NAME) {
                throw new InvalidFieldException("name", "is longer than " + MAX_NAME + " characters");
            }
            name = trimmed;
        }
        if (d.description() != null) {
            if (d.description().length() > MAX_DESCRIPTION) {
                throw new InvalidFieldException("description", "is longer than " + MAX_DESCRIPTION + " characters");
            }
            description = d.description().isBlank() ? null : d.description();
        }
        if (d.clientType() != null) {
            if (d.clientType().strip().length() > MAX_CLIENT_TYPE) {
                throw new InvalidFieldException("client_type", "is longer than " + MAX_CLIENT_TYPE + " characters");
            }
            clientType = d.clientType().isBlank() ? null : d.clientType().strip();
        }
        if (d.calendar() != null) {
            if (d.calendar().size() > CalendarEntry.MAX_ENTRIES) {
                throw new InvalidFieldException("calendar", "has " + d.calendar().size() + " entries; at most " + CalendarEntry.MAX_ENTRIES);
            }
            calendar = List.copyOf(d.calendar());
        }
        if (d.clearCadence()) {
            cadence = null;
        } else if (d.cadence() != null) {
            cadence = d.cadence();
        }
        updatedAt = now;
    }

    public UUID getId() { return id; }
    public UUID getWorkspaceId() { return workspaceId; }
    public String getName() { return name; }
    public String getDescription() { return description; }
    public String getClientType() { return clientType; }
    public CampaignStatus getStatus() { return status; }
    public List<CalendarEntry> getCalendar() { return calendar; }
    public Cadence getCadence() { return cadence; }
    public String getCreatedBy() { return createdBy; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
}
