package dev.syndicast.campaigns.control;

import dev.syndicast.campaigns.entity.Campaign;
import dev.syndicast.core.entity.NotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.util.UUID;

/** A workspace's campaign by id, for the boundaries: 404 when it is not the workspace's (whether or not it exists). */
@ApplicationScoped
public class OwnedCampaigns {

    @PersistenceContext
    EntityManager em;

    /** The campaign, locked for writing until the transaction ends when {@code lock} is set. */
    public Campaign find(UUID workspaceId, UUID id, boolean lock) {
        Campaign campaign = lock ? em.find(Campaign.class, id, LockModeType.PESSIMISTIC_WRITE) : em.find(Campaign.class, id);
        if (campaign == null || !campaign.getWorkspaceId().equals(workspaceId)) {
            throw new NotFoundException("Campaign not found: " + id);
        }
        return campaign;
    }
}
