package dev.syndicast.campaigns.boundary;

import dev.syndicast.campaigns.control.OwnedCampaigns;
import dev.syndicast.campaigns.entity.Campaign;
import dev.syndicast.campaigns.entity.CampaignStatus;
import dev.syndicast.core.entity.PageRequest;
import dev.syndicast.posts.boundary.Posts;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The facade of campaigns: create, list, read, edit and archive a workspace's campaigns, each read with the roll-up of
 * its posts by status. Status changes go through the entity, which refuses what its status machine does not allow.
 */
@Stateless
public class Campaigns {

    public static final int MAX_LIMIT = 100;

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @EJB
    Posts posts;

    @Inject
    OwnedCampaigns owned;

    /** A campaign and how many of its posts are in each status (wire names; missing: none). */
    public record Viewed(Campaign campaign, Map<String, Long> postCounts) {
    }

    public record Page(List<Viewed> items, long total) {
    }

    /** A new campaign, a draft unless {@code status} names another (null: draft). */
    public Viewed create(UUID workspaceId, String createdBy, Campaign.Details details, CampaignStatus status) {
        Instant now = clock.instant();
        Campaign campaign = new Campaign(workspaceId, details, createdBy, now);
        if (status != null) {
            campaign.moveTo(status, now);
        }
        em.persist(campaign);
        return new Viewed(campaign, Map.of());
    }

    /** The workspace's campaigns, newest first, optionally of one status. */
    public Page list(UUID workspaceId, CampaignStatus status, PageRequest page) {
        String where = " from Campaign c where c.workspaceId = :workspace" + (status == null ? "" : " and c.status = :status");
        TypedQuery<Campaign> items = em.createQuery("select c" + where + " order by c.createdAt desc, c.id", Campaign.class)
                .setParameter("workspace", workspaceId);
        TypedQuery<Long> count = em.createQuery("select count(c)" + where, Long.class).setParameter("workspace", workspaceId);
        if (status != null) {
            items.setParameter("status", status);
            count.setParameter("status", status);
        }
        List<Campaign> campaigns = items.setFirstResult(page.firstResult()).setMaxResults(page.limit()).getResultList();
        Map<UUID, Map<String, Long>> counts = posts.countsByCampaign(workspaceId, campaigns.stream().map(Campaign::getId).toList());
        return new Page(campaigns.stream().map(c -> new Viewed(c, counts.getOrDefault(c.getId(), Map.of()))).toList(),
                count.getSingleResult());
    }

    public Viewed get(UUID workspaceId, UUID id) {
        return viewed(owned.find(workspaceId, id, false));
    }

    /**
     * Edits the campaign and moves it to {@code status} (null: it stays): archiving comes after the edit, any other move
     * before it, so one request may restore an archived campaign and edit it, or edit one and archive it.
     */
    public Viewed update(UUID workspaceId, UUID id, Campaign.Details changes, CampaignStatus status) {
        Instant now = clock.instant();
        Campaign campaign = owned.find(workspaceId, id, true);
        if (status != null && status != CampaignStatus.ARCHIVED) {
            campaign.moveTo(status, now);
        }
        if (changes != null && !changes.changeNothing()) {
            campaign.edit(changes, now);
        }
        if (status == CampaignStatus.ARCHIVED) {
            campaign.moveTo(status, now);
        }
        return viewed(campaign);
    }

    /** Deleting archives: the campaign and its posts' links stay, and it takes no new posts. */
    public Viewed archive(UUID workspaceId, UUID id) {
        Campaign campaign = owned.find(workspaceId, id, true);
        campaign.moveTo(CampaignStatus.ARCHIVED, clock.instant());
        return viewed(campaign);
    }

    private Viewed viewed(Campaign campaign) {
        return new Viewed(campaign, posts.countsByCampaign(campaign.getWorkspaceId(), List.of(campaign.getId()))
                .getOrDefault(campaign.getId(), Map.of()));
    }
}
