package dev.syndicast.rendering.control;

import dev.syndicast.rendering.entity.Quality;
import dev.syndicast.rendering.entity.RenderSession;
import dev.syndicast.rendering.entity.VideoStyle;

import java.util.UUID;

/** What a stage needs to know about its session, detached from the persistence context. */
public record RenderRequest(UUID sessionId, UUID workspaceId, String prompt, int durationSeconds, VideoStyle style, String voice,
                            Quality quality) {

    public static RenderRequest of(RenderSession session) {
        return new RenderRequest(session.getId(), session.getWorkspaceId(), session.getPrompt(), session.getDurationPreference(),
                session.getStyle(), session.getVoicePreference(), session.getQuality());
    }
}
