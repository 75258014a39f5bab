package dev.syndicast.tenancy.boundary;

import dev.syndicast.core.entity.InvalidInputException;
import dev.syndicast.tenancy.control.Authentication;
import dev.syndicast.tenancy.control.Caller;
import dev.syndicast.tenancy.control.KeyGenerator;
import dev.syndicast.tenancy.control.OrgHeader;
import dev.syndicast.tenancy.control.PasswordHasher;
import dev.syndicast.tenancy.control.RateDecision;
import dev.syndicast.tenancy.control.RateTier;
import dev.syndicast.tenancy.control.Tenants;
import dev.syndicast.tenancy.entity.AccessDeniedException;
import dev.syndicast.tenancy.entity.Membership;
import dev.syndicast.tenancy.entity.NotAuthenticatedException;
import dev.syndicast.tenancy.entity.TooManyAttemptsException;
import dev.syndicast.tenancy.entity.User;
import dev.syndicast.tenancy.entity.UserSession;
import dev.syndicast.tenancy.entity.Workspace;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Sessions for people: log in with e-mail and password, log out, change the password. A session acts in
 * one workspace, chosen at login (or per request with X-Org-Id among the person's workspaces).
 */
@Stateless
public class Sessions {

    private static final Logger LOG = Logger.getLogger(Sessions.class.getName());
    private static final String WRONG_LOGIN = "E-mail or password is wrong";

    /** The token appears in this reply only. */
    public record Login(String token, UserSession session, List<Membership> memberships, Membership current) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Tenants tenants;

    @Inject
    PasswordHasher passwords;

    @Inject
    RateLimits rateLimits;

    @Inject
    @ConfigProperty(name = "syndicast.session.lifetime-minutes", defaultValue = "720")
    long lifetimeMinutes;

    public Login login(String email, String password, String workspace) {
        if (rateLimits.enabled()) {
            // Keyed by the address's hash: the counter table never holds e-mail addresses.
            RateDecision attempts = rateLimits.hit("login:" + KeyGenerator.hash(String.valueOf(email).strip()
                    .toLowerCase(Locale.ROOT)), RateTier.LOGIN);
            if (!attempts.allowed()) {
                throw new TooManyAttemptsException(attempts.retryAfterSeconds());
            }
        }
        Optional<User> user = findUser(email);
        if (user.isEmpty()) {
            passwords.verifyDecoy(password);
            throw new NotAuthenticatedException(WRONG_LOGIN);
        }
        if (!passwords.verify(password, user.get().getPasswordHash())) {
            LOG.info(() -> "event=login_failed user=" + user.get().getId());
            throw new NotAuthenticatedException(WRONG_LOGIN);
        }
        List<Membership> memberships = em.createNamedQuery(Membership.FIND_BY_USER, Membership.class)
                .setParameter("userId", user.get().getId()).getResultList();
        if (memberships.isEmpty()) {
            throw new AccessDeniedException("This account belongs to no workspace yet; ask a workspace admin to add it");
        }
        Membership current = memberships.get(0);
        if (workspace != null && !workspace.isBlank()) {
            current = memberships.stream()
                    .filter(m -> m.getWorkspace().getSlug().equals(workspace.strip())
                            || m.getWorkspace().getId().toString().equals(workspace.strip()))
                    .findFirst()
                    .orElseThrow(() -> new AccessDeniedException(Authentication.TENANT_FORBIDDEN_DETAIL));
        }
        String token = KeyGenerator.newSessionToken();
        UserSession session = new UserSession(user.get(), current.getWorkspace(), KeyGenerator.hash(token),
                clock.instant(), Duration.ofMinutes(Math.max(1, lifetimeMinutes)));
        em.persist(session);
        LOG.info(() -> "event=login user=" + session.getUser().getId() + " session=" + session.getId());
        return new Login(token, session, memberships, current);
    }

    /** Checks a session token; X-Org-Id switches to another workspace of the same person. */
    public Authentication authenticate(String token, Optional<OrgHeader> org) {
        if (token == null || token.length() > 200) {
            return Authentication.invalid();
        }
        Instant now = clock.instant();
        Optional<UserSession> found = em.createNamedQuery(UserSession.FIND_BY_HASH, UserSession.class)
                .setParameter("hash", KeyGenerator.hash(token)).getResultStream().findFirst()
                .filter(s -> s.isUsable(now));
        if (found.isEmpty()) {
            return Authentication.invalid();
        }
        UserSession session = found.get();
        Workspace workspace = session.getWorkspace();
        if (org.isPresent()) {
            Optional<Workspace> named = tenants.find(org.get());
            if (named.isEmpty()) {
                return Authentication.tenantForbidden();
            }
            workspace = named.get();
        }
        Optional<Membership> membership = tenants.membership(session.getUser().getId(), workspace.getId());
        if (membership.isEmpty()) {
            return org.isPresent() ? Authentication.tenantForbidden() : Authentication.invalid();
        }
        return Authentication.ok(new Caller(session.getId(), "session", workspace.getId(), workspace.getSlug(),
                membership.get().getRole().grantable(), Caller.Kind.SESSION, session.getUser().getId(),
                session.getUser().getDisplayName(), membership.get().getRole()));
    }

    public void logout(Caller person) {
        UserSession session = requireSession(person);
        if (session.getRevokedAt() == null) {
            session.end(clock.instant());
        }
    }

    /** Needs the current password; ends every other session of the person, since a changed password means distrust. */
    public void changePassword(Caller person, String currentPassword, String newPassword) {
        UserSession session = requireSession(person);
        User user = session.getUser();
        if (!passwords.verify(currentPassword, user.getPasswordHash())) {
            throw new AccessDeniedException("current_password is wrong");
        }
        User.requireAcceptablePassword(newPassword);
        if (newPassword.equals(currentPassword)) {
            throw new InvalidInputException("new_password must differ from current_password");
        }
        Instant now = clock.instant();
        user.changePasswordHash(passwords.hash(newPassword), now);
        em.createNamedQuery(UserSession.REVOKE_OTHERS_OF_USER)
                .setParameter("now", now).setParameter("userId", user.getId()).setParameter("keep", session.getId())
                .executeUpdate();
        LOG.info(() -> "event=password_changed user=" + user.getId());
    }

    private UserSession requireSession(Caller person) {
        if (!person.isSession()) {
            throw new AccessDeniedException("This needs a logged-in person (session), not an API key");
        }
        return Optional.ofNullable(em.find(UserSession.class, person.keyId()))
                .orElseThrow(() -> new NotAuthenticatedException("Session not found"));
    }

    private Optional<User> findUser(String email) {
        String normalised;
        try {
            normalised = User.normaliseEmail(email);
        } catch (InvalidInputException e) {
            return Optional.empty();
        }
        return em.createNamedQuery(User.FIND_BY_EMAIL, User.class).setParameter("email", normalised)
                .getResultStream().findFirst();
    }
}
