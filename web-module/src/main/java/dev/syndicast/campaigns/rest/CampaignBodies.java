package dev.syndicast.campaigns.rest;

import dev.syndicast.campaigns.boundary.CampaignScheduling;
import dev.syndicast.campaigns.control.CampaignRun.Mode;
import dev.syndicast.campaigns.entity.Cadence;
import dev.syndicast.campaigns.entity.CalendarEntry;
import dev.syndicast.campaigns.entity.Campaign;
import dev.syndicast.campaigns.entity.CampaignStatus;
import dev.syndicast.core.control.JsonMembers;
import dev.syndicast.core.entity.InvalidFieldException;
import dev.syndicast.posts.rest.PostBodies;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.util.Arrays;
import java.util.List;

/**
 * The campaign routes' bodies, read member by member: an unknown member, a value of the wrong kind or shape, a nested
 * calendar or an impossible cadence is 400 naming the field, and nothing is written. JSON objects rather than bound
 * classes, because a patch must tell a member left out (unchanged) from one sent as {@code null} (cleared).
 */
final class CampaignBodies {

    static final List<String> CAMPAIGN_MEMBERS = List.of("name", "description", "client_type", "status", "calendar", "cadence");
    static final List<String> SCHEDULE_MEMBERS = List.of("start_date", "mode", "cadence", "platforms", "include_pending",
            "timezone", "dry_run");
    private static final int MAX_PLATFORMS = 20;

    private CampaignBodies() {
    }

    /**
     * What a create or patch body says about the campaign: a member left out stays as it is (on create: empty);
     * {@code null} or an empty string clears the description or client type, {@code null} or {@code []} the calendar,
     * {@code null} the default cadence.
     */
    static Campaign.Details details(JsonObject body) {
        JsonMembers.onlyKnown(body, null, CAMPAIGN_MEMBERS);
        String name = JsonMembers.string(body, null, "name", Campaign.MAX_NAME);
        if (body.containsKey("name") && (name == null || name.isBlank())) {
            throw new InvalidFieldException("name", "must not be blank");
        }
        List<CalendarEntry> calendar = body.containsKey("calendar") ? CalendarEntry.listFromJson(body.get("calendar"), "calendar") : null;
        boolean clearCadence = body.containsKey("cadence") && body.get("cadence") == JsonValue.NULL;
        return new Campaign.Details(name, clearable(body, "description", Campaign.MAX_DESCRIPTION),
                clearable(body, "client_type", Campaign.MAX_CLIENT_TYPE), calendar, Cadence.fromJson(body.get("cadence"), "cadence"),
                clearCadence);
    }

    /** The status a body asks for, or null when it names none. */
    static CampaignStatus status(JsonObject body) {
        String status = JsonMembers.string(body, null, "status", 32);
        if (status == null) {
            if (body.containsKey("status")) {
                throw new InvalidFieldException("status", "must be draft, active or archived, not null");
            }
            return null;
        }
        return CampaignStatus.fromWire(status).orElseThrow(() -> new InvalidFieldException("status",
                "must be draft, active or archived (got '" + clip(status) + "')"));
    }

    /** A schedule run's body; every member is optional, and no body at all is a run with the defaults. */
    static CampaignScheduling.Ask ask(JsonObject body) {
        if (body == null) {
            return new CampaignScheduling.Ask(Mode.AUTO, null, null, false, null, null, false);
        }
        JsonMembers.onlyKnown(body, null, SCHEDULE_MEMBERS);
        String mode = JsonMembers.string(body, null, "mode", 32);
        Mode asked = mode == null ? Mode.AUTO : Mode.fromWire(mode).orElseThrow(() -> new InvalidFieldException("mode",
                "must be one of " + String.join(", ", Arrays.stream(Mode.values()).map(Mode::wire).toList()) + " (got '" + clip(mode) + "')"));
        Boolean pending = JsonMembers.bool(body, null, "include_pending");
        Boolean dryRun = JsonMembers.bool(body, null, "dry_run");
        return new CampaignScheduling.Ask(asked, Cadence.fromJson(body.get("cadence"), "cadence"),
                JsonMembers.strings(body, null, "platforms", MAX_PLATFORMS, 32), Boolean.TRUE.equals(pending),
                JsonMembers.string(body, null, "timezone", 100),
                PostBodies.time(JsonMembers.string(body, null, "start_date", 64), "start_date"), Boolean.TRUE.equals(dryRun));
    }

    /** A string member: left out is null (unchanged), {@code null} is "" (cleared). */
    private static String clearable(JsonObject body, String name, int max) {
        if (!body.containsKey(name)) {
            return null;
        }
        String value = JsonMembers.string(body, null, name, max);
        return value == null ? "" : value;
    }

    private static String clip(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "..." : value;
    }
}
