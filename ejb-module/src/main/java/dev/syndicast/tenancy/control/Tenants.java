package dev.syndicast.tenancy.control;

import dev.syndicast.tenancy.entity.Membership;
import dev.syndicast.tenancy.entity.Workspace;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.Optional;
import java.util.UUID;

/** Looks up workspaces and memberships for the boundaries (inside their transactions). */
@Dependent
public class Tenants {

    @PersistenceContext
    EntityManager em;

    public Optional<Workspace> find(OrgHeader header) {
        if (header.id() != null) {
            return Optional.ofNullable(em.find(Workspace.class, header.id()));
        }
        return findBySlug(header.slug());
    }

    public Optional<Workspace> findBySlug(String slug) {
        return em.createNamedQuery(Workspace.FIND_BY_SLUG, Workspace.class)
                .setParameter("slug", slug).getResultStream().findFirst();
    }

    /** A workspace named by id or slug, as clients pass it in bodies and headers. */
    public Optional<Workspace> findByIdOrSlug(String idOrSlug) {
        return OrgHeader.parse(idOrSlug).flatMap(this::find);
    }

    public Optional<Membership> membership(UUID userId, UUID workspaceId) {
        return Optional.ofNullable(em.find(Membership.class, new Membership.Key(userId, workspaceId)));
    }
}
