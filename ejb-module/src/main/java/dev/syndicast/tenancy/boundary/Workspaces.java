package dev.syndicast.tenancy.boundary;

import dev.syndicast.core.entity.ConflictException;
import dev.syndicast.core.entity.InvalidInputException;
import dev.syndicast.core.entity.NotFoundException;
import dev.syndicast.tenancy.control.Caller;
import dev.syndicast.tenancy.control.PasswordHasher;
import dev.syndicast.tenancy.control.Tenants;
import dev.syndicast.tenancy.entity.AccessDeniedException;
import dev.syndicast.tenancy.entity.Invitation;
import dev.syndicast.tenancy.entity.Membership;
import dev.syndicast.tenancy.entity.Role;
import dev.syndicast.tenancy.entity.User;
import dev.syndicast.tenancy.entity.Workspace;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Workspaces (tenants) and the people in them. A person new to the installation is added at once; a person who has
 * an account already (in any workspace) is invited and joins only by accepting with their own session, so no
 * workspace can pull in, or learn anything about, a person of another.
 */
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

    @Inject
    @ConfigProperty(name = "syndicast.invitations.ttl", defaultValue = "P14D")
    Duration invitationTtl;

    /** A new person for a membership: the password is needed only when the e-mail is new. */
    public record NewMember(String email, String displayName, String password, String role) {
    }

    /** What adding a person did: made a new person a member, or invited a person who has an account already. */
    public record Added(Membership member, Invitation invitation) {
        public boolean invited() {
            return invitation != null;
        }
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

    /**
     * Adds a person to the caller's workspace. An e-mail new to the installation creates the person (with the given
     * password) as a member at once. An e-mail that has an account already gets an invitation instead, whatever else
     * the request says (a password is ignored: no workspace sets another's password), and nothing about the person is
     * answered: they are shown to the workspace once they accept.
     */
    public Added addMember(Caller caller, NewMember member) {
        Workspace workspace = current(caller);
        Role role = Role.parse(member.role());
        Optional<User> existing = findUser(member.email());
        if (existing.isEmpty()) {
            return new Added(addMember(workspace, member), null);
        }
        User user = existing.get();
        if (tenants.membership(user.getId(), workspace.getId()).isPresent()) {
            throw new ConflictException("This person is a member of the workspace already");
        }
        Instant now = clock.instant();
        Optional<Invitation> pending = pendingInvitation(workspace.getId(), user.getId());
        if (pending.isPresent() && pending.get().isOpen(now)) {
            throw new ConflictException("An invitation to this person is pending; revoke it to invite them with another role");
        }
        if (pending.isPresent()) {
            pending.get().lapse(now);
            // One pending invitation per person and workspace (a unique index): the lapsed one is closed first.
            em.flush();
        }
        Invitation invitation = new Invitation(workspace, user, role, caller.actorName(), now, now.plus(invitationTtl));
        em.persist(invitation);
        return new Added(null, invitation);
    }

    /** The workspace's invitations, newest first (for its admins). */
    public List<Invitation> invitations(Caller caller) {
        return em.createNamedQuery(Invitation.FIND_BY_WORKSPACE, Invitation.class)
                .setParameter("workspaceId", caller.workspaceId()).getResultList();
    }

    /** The workspace withdraws a pending invitation; another workspace's is "not found". */
    public Invitation revokeInvitation(Caller caller, UUID invitationId) {
        Invitation invitation = em.find(Invitation.class, invitationId, LockModeType.PESSIMISTIC_WRITE);
        if (invitation == null || !invitation.getWorkspace().getId().equals(caller.workspaceId())) {
            throw new NotFoundException("Invitation not found: " + invitationId);
        }
        invitation.revoke(clock.instant());
        return invitation;
    }

    /** The open invitations of the person behind a session, newest first. */
    public List<Invitation> invitationsOf(Caller person) {
        return em.createNamedQuery(Invitation.FIND_FOR_USER, Invitation.class)
                .setParameter("userId", requirePerson(person)).setParameter("status", Invitation.Status.PENDING)
                .setParameter("now", clock.instant()).getResultList();
    }

    /** The person accepts: they become a member with the invitation's role. Only the invited person can. */
    public Membership acceptInvitation(Caller person, UUID invitationId) {
        Invitation invitation = invitationOf(person, invitationId);
        Instant now = clock.instant();
        if (tenants.membership(invitation.getUser().getId(), invitation.getWorkspace().getId()).isPresent()) {
            throw new ConflictException("You are a member of this workspace already");
        }
        Membership membership = invitation.accept(now);
        em.persist(membership);
        return membership;
    }

    public Invitation declineInvitation(Caller person, UUID invitationId) {
        Invitation invitation = invitationOf(person, invitationId);
        invitation.decline(clock.instant());
        return invitation;
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

    private Optional<User> findUser(String email) {
        return em.createNamedQuery(User.FIND_BY_EMAIL, User.class).setParameter("email", User.normaliseEmail(email))
                .getResultStream().findFirst();
    }

    private Optional<Invitation> pendingInvitation(UUID workspaceId, UUID userId) {
        return em.createNamedQuery(Invitation.FIND_PENDING, Invitation.class).setParameter("workspaceId", workspaceId)
                .setParameter("userId", userId).setParameter("status", Invitation.Status.PENDING).getResultStream().findFirst();
    }

    /** The person's own invitation, locked; anyone else's is "not found", as if it did not exist. */
    private Invitation invitationOf(Caller person, UUID invitationId) {
        UUID userId = requirePerson(person);
        Invitation invitation = em.find(Invitation.class, invitationId, LockModeType.PESSIMISTIC_WRITE);
        if (invitation == null || !invitation.getUser().getId().equals(userId)) {
            throw new NotFoundException("Invitation not found: " + invitationId);
        }
        return invitation;
    }

    private static UUID requirePerson(Caller caller) {
        if (caller.userId() == null) {
            throw new AccessDeniedException("Invitations are answered by the invited person, with their own session");
        }
        return caller.userId();
    }

    /**
     * Makes the person a member of the workspace: a new person is created first; an existing one is added directly
     * only here, for the operator creating a workspace for them (tenants reach existing people through invitations).
     */
    private Membership addMember(Workspace workspace, NewMember member) {
        Role role = Role.parse(member.role());
        String email = User.normaliseEmail(member.email());
        Instant now = clock.instant();
        User user = findUser(email).orElse(null);
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
