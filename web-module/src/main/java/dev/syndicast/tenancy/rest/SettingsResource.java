package dev.syndicast.tenancy.rest;

import dev.syndicast.core.entity.InvalidInputException;
import dev.syndicast.tenancy.boundary.Sessions;
import dev.syndicast.tenancy.boundary.Settings;
import dev.syndicast.tenancy.control.Caller;
import dev.syndicast.tenancy.entity.PostingWindow;
import dev.syndicast.tenancy.entity.Workspace;
import dev.syndicast.tenancy.entity.WorkspaceSettings;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;

/** Settings: the workspace profile and the schedule settings scheduling uses; and the password change. */
@Path("api/external/v1/settings")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "settings")
public class SettingsResource {

    @Inject
    Settings settings;

    @Inject
    Sessions sessions;

    @Inject
    CallerContext callerContext;

    public record ProfileView(String displayName, String contactEmail, String website) {
    }

    public record WindowView(String day, String start, String end) {
    }

    public record ScheduleView(String timezone, int minGapMinutes, List<WindowView> postingWindows) {
    }

    public record SettingsView(ExternalApiResource.WorkspaceView workspace, ProfileView profile,
                               ScheduleView schedule, Instant updatedAt) {
    }

    /** A class with public fields, not a record: see the README's known issue on Payara's OpenAPI scanner. */
    public static class ProfileInput {
        @Size(max = 200)
        public String displayName;
        @Size(max = 254)
        public String contactEmail;
        @Size(max = 500)
        public String website;
    }

    public static class WindowInput {
        @NotNull
        @Size(max = 16)
        public String day;
        @NotNull
        @Size(max = 16)
        public String start;
        @NotNull
        @Size(max = 16)
        public String end;
    }

    public static class ScheduleInput {
        @Size(max = 64)
        public String timezone;
        public Integer minGapMinutes;
        @Size(max = WorkspaceSettings.MAX_WINDOWS)
        public List<@NotNull @Valid WindowInput> postingWindows;
    }

    public static class SettingsUpdate {
        @Valid
        public ProfileInput profile;
        @Valid
        public ScheduleInput schedule;
    }

    public static class PasswordChange {
        @NotNull
        @Size(max = 200)
        public String currentPassword;
        @NotNull
        @Size(max = 200)
        public String newPassword;
    }

    @GET
    @RequiresScope("settings:read")
    @Operation(summary = "Read profile and schedule settings.")
    public SettingsView read() {
        Caller caller = callerContext.require();
        return view(settings.workspace(caller), settings.read(caller));
    }

    @PUT
    @RequiresScope("settings:write")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Update profile and schedule settings.")
    // What the body names changes and the rest stays: a partial body used to reset the schedule to its defaults.
    public SettingsView update(@NotNull @Valid SettingsUpdate update) {
        Caller caller = callerContext.require();
        ProfileInput p = update.profile;
        ScheduleInput s = update.schedule;
        WorkspaceSettings replaced = settings.update(caller,
                p == null ? null : new Settings.Profile(p.displayName, p.contactEmail, p.website),
                s == null ? null : new Settings.Schedule(s.timezone, s.minGapMinutes,
                        s.postingWindows == null ? null : s.postingWindows.stream().map(SettingsResource::window).toList()));
        return view(settings.workspace(caller), replaced);
    }

    @PUT
    @Path("password")
    @SessionRoute
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Update the current user's password.")
    public Response changePassword(@NotNull @Valid PasswordChange change) {
        sessions.changePassword(callerContext.require(), change.currentPassword, change.newPassword);
        return Response.noContent().build();
    }

    static PostingWindow window(WindowInput w) {
        return new PostingWindow(day(w.day), time(w.start, "start"), time(w.end, "end"));
    }

    static DayOfWeek day(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        for (DayOfWeek day : DayOfWeek.values()) {
            String full = day.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT);
            if (v.equals(full) || v.equals(full.substring(0, 3))) {
                return day;
            }
        }
        throw new InvalidInputException("posting window day must be monday..sunday (or mon..sun), got: " + clip(value));
    }

    static LocalTime time(String value, String field) {
        try {
            return LocalTime.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("posting window " + field + " must be a time like 09:30, got: " + clip(value));
        }
    }

    private static String clip(String value) {
        return value.length() > 20 ? value.substring(0, 20) + "..." : value;
    }

    static SettingsView view(Workspace workspace, WorkspaceSettings s) {
        return new SettingsView(ExternalApiResource.WorkspaceView.of(workspace),
                new ProfileView(s.getDisplayName() == null ? workspace.getName() : s.getDisplayName(),
                        s.getContactEmail(), s.getWebsite()),
                new ScheduleView(s.getTimezone(), s.getMinGapMinutes(), s.getPostingWindows().stream()
                        .map(w -> new WindowView(w.day().getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT),
                                w.start().toString(), w.end().toString()))
                        .toList()),
                s.getUpdatedAt());
    }
}
