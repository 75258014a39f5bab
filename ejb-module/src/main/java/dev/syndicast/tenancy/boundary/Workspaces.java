package dev.syndicast.tenancy.boundary;

import dev.syndicast.core.entity.ConflictException;
import dev.syndicast.core.entity.InvalidInputException;
import dev.syndicast.core.entity.NotFoundException;
import dev.syndicast.tenancy.control.Caller;
import dev.syndicast.tenancy.control.PasswordHasher;
import dev.syndicast.tenancy.control.Tenants;
import dev.syndicast.tenancy.entity.AccessDeniedException;
import dev.syndicast.tenancy.entity.Membership;
import dev.syndicast.tenancy.entity.Role;
import dev.syndicast.tenancy.entity.User;
import dev.syndicast.tenancy.entity.Workspace;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Workspaces (tenants) and the people in them. */
@Stateless
public class Workspaces {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Tenants tenants;

    @Inject
    PasswordHasher passwords;

    /** A new person for a membership: the password is needed only when the e-mail is new. */
    public record NewMember(String email, String displayName, String password, String role) {
    }

    public Workspace current(Caller caller) {
        return em.find(Workspace.class, caller.workspaceId());
    }

    /**
     * Only the installation's operator (an admin of the default workspace) creates tenants, so no tenant
     * can mint others. The first admin becomes a member at once.
     */
    public Workspace create(Caller caller, String slug, String name, NewMember admin) {
        requireOperator(caller);
        if (admin == null) {
            throw new InvalidInputException("admin is required: the new workspace's first administrator");
        }
        Workspace workspace = new Workspace(slug, name, clock.instant());
        if (tenants.findBySlug(workspace.getSlug()).isPresent()) {
            throw new ConflictException("A workspace with slug '" + slug + "' exists already");
        }
        em.persist(workspace);
        addMember(workspace, new NewMember(admin.email(), admin.displayName(), admin.password(), Role.ADMIN.wire()));
        return workspace;
    }

    /** The workspaces the caller may act for: the operator sees all, everyone else their own. */
    public List<Workspace> visible(Caller caller) {
        if (caller.isOperator()) {
            return em.createNamedQuery(Workspace.FIND_ALL, Workspace.class).getResultList();
        }
        return List.of(current(caller));
    }

    public List<Membership> members(Caller caller) {
        return em.createNamedQuery(Membership.FIND_BY_WORKSPACE, Membership.class)
                .setParameter("workspaceId", caller.workspaceId()).getResultList();
    }

    public Membership addMember(Caller caller, NewMember member) {
        return addMember(current(caller), member);
    }

    public Membership changeRole(Caller caller, UUID userId, String role) {
        Membership membership = findMember(caller, userId);
        Role newRole = Role.parse(role);
        if (membership.getRole() == Role.ADMIN && newRole != Role.ADMIN) {
            requireAnotherAdmin(caller, userId);
        }
        membership.changeRole(newRole);
        return membership;
    }

    public Membership removeMember(Caller caller, UUID userId) {
        Membership membership = findMember(caller, userId);
        if (membership.getRole() == Role.ADMIN) {
            requireAnotherAdmin(caller, userId);
        }
        em.remove(membership);
        return membership;
    }

    private Membership addMember(Workspace workspace, NewMember member) {
        Role role = Role.parse(member.role());
        String email = User.normaliseEmail(member.email());
        Instant now = clock.instant();
        User user = em.createNamedQuery(User.FIND_BY_EMAIL, User.class).setParameter("email", email)
                .getResultStream().findFirst().orElse(null);
        if (user == null) {
            User.requireAcceptablePassword(member.password());
            user = new User(email, member.displayName(), passwords.hash(member.password()), now);
            em.persist(user);
        } else if (member.password() != null) {
            // Another workspace must not be able to reset an existing person's password.
            throw new ConflictException("A person with this e-mail exists already; add them without a password");
        }
        if (tenants.membership(user.getId(), workspace.getId()).isPresent()) {
            throw new ConflictException("This person is a member of the workspace already");
        }
        Membership membership = new Membership(user, workspace, role, now);
        em.persist(membership);
        return membership;
    }

    private Membership findMember(Caller caller, UUID userId) {
        return tenants.membership(userId, caller.workspaceId())
                .orElseThrow(() -> new NotFoundException("Member not found: " + userId));
    }

    private void requireAnotherAdmin(Caller caller, UUID leaving) {
        boolean another = members(caller).stream()
                .anyMatch(m -> m.getRole() == Role.ADMIN && !m.getUser().getId().equals(leaving));
        boolean installationKeyRemains = Optional.ofNullable(em.find(Workspace.class, caller.workspaceId()))
                .map(Workspace::isDefault).orElse(false);
        if (!another && !installationKeyRemains) {
            throw new ConflictException("A workspace keeps at least one admin");
        }
    }

    private static void requireOperator(Caller caller) {
        if (!caller.isOperator()) {
            throw new AccessDeniedException("Only an admin of the default workspace creates workspaces");
        }
    }
}
