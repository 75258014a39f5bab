package dev.syndicast.posts.control;

import java.util.Optional;
import java.util.UUID;

/**
 * The one thing posts ask of campaigns, which sit above them (campaigns read posts for their roll-up and schedule
 * them): may a post of this workspace be linked to this campaign? Posts declare it, campaigns implement it, so neither
 * calls the other both ways.
 */
public interface CampaignLinks {

    /**
     * Why posts of {@code workspaceId} may not be linked to {@code campaignId}, in words for the caller (it is not a
     * campaign of the workspace, or it is archived; the words never say whether it exists elsewhere), or empty when
     * they may.
     */
    Optional<String> refusal(UUID workspaceId, UUID campaignId);
}
