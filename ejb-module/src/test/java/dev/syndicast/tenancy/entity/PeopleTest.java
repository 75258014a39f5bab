package dev.syndicast.tenancy.entity;

import dev.syndicast.core.entity.IllegalTransitionException;
import dev.syndicast.core.entity.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PeopleTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void emails_are_one_account_whatever_their_case() {
        User user = new User("  Bob@Example.COM ", null, "hash", NOW);
        assertThat(user.getEmail()).isEqualTo("bob@example.com");
        assertThat(user.getDisplayName()).isEqualTo("bob");
        assertThatThrownBy(() -> User.normaliseEmail("not-an-email")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> User.normaliseEmail(null)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void passwords_need_a_sensible_length() {
        assertThatThrownBy(() -> User.requireAcceptablePassword("short")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> User.requireAcceptablePassword("x".repeat(201))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> User.requireAcceptablePassword(" ".repeat(12))).isInstanceOf(InvalidInputException.class);
        User.requireAcceptablePassword("correct horse battery");
    }

    @Test
    void a_membership_changes_role_only_to_a_role() {
        Membership m = new Membership(new User("a@b.co", "A", "h", NOW), new Workspace("w", "W", NOW), Role.CLIENT, NOW);
        m.changeRole(Role.STAFF);
        assertThat(m.getRole()).isEqualTo(Role.STAFF);
        assertThatThrownBy(() -> m.changeRole(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void a_session_expires_and_ends_once() {
        UserSession session = new UserSession(new User("a@b.co", "A", "h", NOW), new Workspace("w", "W", NOW), "hash",
                NOW, Duration.ofMinutes(10));
        assertThat(session.isUsable(NOW.plusSeconds(599))).isTrue();
        assertThat(session.isUsable(NOW.plusSeconds(600))).isFalse();
        session.end(NOW);
        assertThat(session.isUsable(NOW)).isFalse();
        assertThatThrownBy(() -> session.end(NOW)).isInstanceOf(IllegalTransitionException.class);
    }
}
