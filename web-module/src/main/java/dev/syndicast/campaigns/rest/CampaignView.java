package dev.syndicast.campaigns.rest;

import dev.syndicast.campaigns.boundary.Campaigns;
import dev.syndicast.campaigns.entity.CalendarEntry;
import dev.syndicast.campaigns.entity.Campaign;
import dev.syndicast.posts.entity.PostStatus;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbNillable;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A campaign on the wire, with {@code post_counts}: how many of its posts there are ({@code total}) and how many are in
 * each post status (every status listed, 0 when none).
 */
@JsonbNillable
public record CampaignView(UUID id, String name, String description, String clientType, String status, JsonArray calendar,
                           JsonObject cadence, Map<String, Long> postCounts, String createdBy, Instant createdAt,
                           Instant updatedAt) {

    static CampaignView of(Campaigns.Viewed viewed) {
        Campaign c = viewed.campaign();
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("total", viewed.postCounts().values().stream().mapToLong(Long::longValue).sum());
        for (PostStatus status : PostStatus.values()) {
            counts.put(status.wire(), viewed.postCounts().getOrDefault(status.wire(), 0L));
        }
        return new CampaignView(c.getId(), c.getName(), c.getDescription(), c.getClientType(), c.getStatus().wire(),
                CalendarEntry.toJson(c.getCalendar()), c.getCadence() == null ? null : c.getCadence().toJson(), counts,
                c.getCreatedBy(), c.getCreatedAt(), c.getUpdatedAt());
    }
}
