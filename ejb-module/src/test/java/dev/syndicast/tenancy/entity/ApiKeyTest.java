package dev.syndicast.tenancy.entity;

import dev.syndicast.core.entity.IllegalTransitionException;
import dev.syndicast.core.entity.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiKeyTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
    private final Workspace home = new Workspace("home", "Home", NOW);
    private final Workspace other = new Workspace("other", "Other", NOW);
    private final Workspace third = new Workspace("third", "Third", NOW);
    private final User owner = new User("Alice@Example.com", null, "hash", NOW);

    @Test
    void a_revoked_key_is_unusable_at_once_and_cannot_be_revoked_twice() {
        ApiKey key = key(null);
        assertThat(key.isUsable(NOW)).isTrue();
        key.revoke(NOW);
        assertThat(key.isUsable(NOW)).isFalse();
        assertThatThrownBy(() -> key.revoke(NOW)).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void an_expired_key_is_unusable_from_its_expiry_on() {
        ApiKey key = key(NOW.plusSeconds(60));
        assertThat(key.isUsable(NOW.plusSeconds(59))).isTrue();
        assertThat(key.isUsable(NOW.plusSeconds(60))).isFalse();
    }

    @Test
    void expiry_must_lie_in_the_future() {
        assertThatThrownBy(() -> key(NOW)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void a_normal_key_acts_only_for_its_workspace() {
        ApiKey key = key(null);
        assertThat(key.isAgent()).isFalse();
        assertThat(key.mayActFor(home)).isTrue();
        assertThat(key.mayActFor(other)).isFalse();
    }

    @Test
    void an_agent_key_acts_for_its_listed_workspaces_only() {
        ApiKey key = ApiKey.ownedBy(owner, home, "agent", "syn_abc", "h2", Set.of("posts:read"), null, Set.of(other), NOW);
        assertThat(key.isAgent()).isTrue();
        assertThat(key.mayActFor(home)).isTrue();
        assertThat(key.mayActFor(other)).isTrue();
        assertThat(key.mayActFor(third)).isFalse();
        assertThat(key.getOwner()).isSameAs(owner);
    }

    @Test
    void last_used_is_written_at_most_once_a_minute() {
        ApiKey key = key(null);
        assertThat(key.markUsed(NOW)).isTrue();
        assertThat(key.markUsed(NOW.plusSeconds(30))).isFalse();
        assertThat(key.markUsed(NOW.plus(Duration.ofSeconds(61)))).isTrue();
        assertThat(key.getLastUsedAt()).isEqualTo(NOW.plusSeconds(61));
    }

    @Test
    void scopes_round_trip_and_star_grants_everything() {
        ApiKey key = ApiKey.ownedBy(owner, home, "k", "syn_abc", "h3", Set.of("*"), null, Set.of(), NOW);
        assertThat(key.grants("posts:read")).isTrue();
        ApiKey narrow = ApiKey.ownedBy(owner, home, "k", "syn_abc", "h4", Set.of("posts:read", "inbox:read"), null, null, NOW);
        assertThat(narrow.scopeSet()).containsExactly("inbox:read", "posts:read");
        assertThat(narrow.grants("posts:write")).isFalse();
    }

    private ApiKey key(Instant expiresAt) {
        return ApiKey.ownedBy(owner, home, "worker", "syn_abc", "h1", Set.of("posts:read"), expiresAt, null, NOW);
    }
}
