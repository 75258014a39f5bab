package dev.syndicast.campaigns.control;

import dev.syndicast.campaigns.entity.Campaign;
import dev.syndicast.posts.control.CampaignLinks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.Optional;
import java.util.UUID;

/**
 * Answers posts' question of whether a post may join a campaign: only a campaign of the post's own workspace that is
 * not archived. Another workspace's campaign gets the same words as one that does not exist.
 */
@ApplicationScoped
public class CampaignLinkCheck implements CampaignLinks {

    @PersistenceContext
    EntityManager em;

    @Override
    public Optional<String> refusal(UUID workspaceId, UUID campaignId) {
        Optional<Campaign> campaign = em.createNamedQuery(Campaign.FIND_IN_WORKSPACE, Campaign.class)
                .setParameter("id", campaignId).setParameter("workspace", workspaceId).getResultStream().findFirst();
        if (campaign.isEmpty()) {
            return Optional.of("campaign_id names no campaign of this workspace: " + campaignId);
        }
        if (!campaign.get().takesPosts()) {
            return Optional.of("campaign_id names an archived campaign (" + campaignId + "), which takes no posts; restore it"
                    + " (status active) first");
        }
        return Optional.empty();
    }
}
