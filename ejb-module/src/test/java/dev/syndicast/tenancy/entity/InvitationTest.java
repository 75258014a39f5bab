package dev.syndicast.tenancy.entity;

import dev.syndicast.core.entity.IllegalTransitionException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InvitationTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
    private final Workspace workspace = new Workspace("home", "Home", NOW);
    private final User person = new User("carol@example.com", "Carol", "hash", NOW);

    private Invitation invitation() {
        return new Invitation(workspace, person, Role.STAFF, "key:ops", NOW, NOW.plus(Duration.ofDays(14)));
    }

    @Test
    void accepting_makes_the_membership_with_the_invited_role_and_closes_the_invitation() {
        Invitation invitation = invitation();
        Membership membership = invitation.accept(NOW.plusSeconds(60));
        assertThat(membership.getUser()).isSameAs(person);
        assertThat(membership.getWorkspace()).isSameAs(workspace);
        assertThat(membership.getRole()).isEqualTo(Role.STAFF);
        assertThat(invitation.statusAt(NOW.plusSeconds(61))).isEqualTo("accepted");
        assertThatThrownBy(() -> invitation.accept(NOW.plusSeconds(62))).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> invitation.revoke(NOW.plusSeconds(62))).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void a_declined_or_revoked_invitation_cannot_be_accepted() {
        Invitation declined = invitation();
        declined.decline(NOW);
        assertThat(declined.statusAt(NOW)).isEqualTo("declined");
        assertThatThrownBy(() -> declined.accept(NOW)).isInstanceOf(IllegalTransitionException.class);

        Invitation revoked = invitation();
        revoked.revoke(NOW);
        assertThat(revoked.statusAt(NOW)).isEqualTo("revoked");
        assertThatThrownBy(() -> revoked.accept(NOW)).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void an_invitation_past_its_expiry_is_expired_and_cannot_be_answered() {
        Invitation invitation = invitation();
        Instant expiry = NOW.plus(Duration.ofDays(14));
        assertThat(invitation.isOpen(expiry.minusSeconds(1))).isTrue();
        assertThat(invitation.statusAt(expiry)).isEqualTo("expired");
        assertThatThrownBy(() -> invitation.accept(expiry)).isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("expired");
        assertThatThrownBy(() -> invitation.lapse(expiry.minusSeconds(1))).isInstanceOf(IllegalTransitionException.class);
        invitation.lapse(expiry);
        assertThat(invitation.statusAt(expiry)).isEqualTo("expired");
        assertThat(invitation.isOpen(NOW)).isFalse();
        assertThatThrownBy(() -> new Invitation(workspace, person, Role.CLIENT, null, NOW, NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
