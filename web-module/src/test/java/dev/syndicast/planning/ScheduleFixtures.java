package dev.syndicast.planning;

import dev.syndicast.testsupport.Api;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the scheduling tests set up in their own workspace, through the API: sandbox-backed accounts of any platform
 * and the workspace's schedule settings (time zone, minimum gap, posting windows).
 */
public final class ScheduleFixtures {

    private ScheduleFixtures() {
    }

    /** A new sandbox-backed account of the platform; its id. */
    public static String connect(Api api, String platform) {
        Api.Reply reply = api.post("/api/external/v1/sandbox/accounts", Json.createObjectBuilder().add("platform", platform)
                .add("platform_account_id", platform + "-" + UUID.randomUUID()).add("username", "@planned-" + platform).build().toString());
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json().getString("id");
    }

    /** The workspace's time zone, minimum gap and posting windows (none: any time). */
    public static void schedule(Api api, String zone, int gapMinutes, List<JsonObject> windows) {
        JsonArrayBuilder list = Json.createArrayBuilder();
        windows.forEach(list::add);
        Api.Reply reply = api.put("/api/external/v1/settings", Json.createObjectBuilder().add("schedule", Json.createObjectBuilder()
                .add("timezone", zone).add("min_gap_minutes", gapMinutes).add("posting_windows", list)).build().toString());
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    }

    /** A window from start to end on each of the days ("monday" .. "sunday"). */
    public static List<JsonObject> windows(String start, String end, String... days) {
        List<JsonObject> windows = new ArrayList<>();
        for (String day : days) {
            windows.add(Json.createObjectBuilder().add("day", day).add("start", start).add("end", end).build());
        }
        return windows;
    }
}
