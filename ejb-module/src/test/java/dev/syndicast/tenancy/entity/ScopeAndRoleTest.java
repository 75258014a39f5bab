package dev.syndicast.tenancy.entity;

import dev.syndicast.core.entity.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScopeAndRoleTest {

    @Test
    void the_catalogue_has_seed_001s_23_scopes_each_described() {
        assertThat(Scope.all()).hasSize(23);
        assertThat(Scope.all()).allSatisfy(s -> assertThat(s.description()).isNotBlank());
        assertThat(Scope.all()).extracting(Scope::wire)
                .contains("*", "posts:read", "media-library:write", "audit-logs:read").doesNotHaveDuplicates();
    }

    @Test
    void unknown_scopes_are_all_named_in_one_error() {
        assertThatThrownBy(() -> Scope.requireKnown(List.of("posts:read", "posts:destroy", "root")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("posts:destroy").hasMessageContaining("root");
        assertThatThrownBy(() -> Scope.requireKnown(List.of())).isInstanceOf(InvalidInputException.class);
        assertThat(Scope.requireKnown(List.of("posts:read", "posts:read"))).containsExactly("posts:read");
    }

    @Test
    void roles_cap_what_they_may_grant() {
        assertThat(Role.ADMIN.mayGrant("*")).isTrue();
        assertThat(Role.STAFF.mayGrant("*")).isFalse();
        assertThat(Role.STAFF.mayGrant("posts:publish")).isTrue();
        assertThat(Role.STAFF.mayGrant("settings:write")).isFalse();
        assertThat(Role.CLIENT.mayGrant("posts:write")).isTrue();
        assertThat(Role.CLIENT.mayGrant("posts:publish")).isFalse();
        assertThat(Role.CLIENT.mayGrant("audit-logs:read")).isFalse();
    }

    @Test
    void roles_parse_from_the_wire_and_refuse_the_unknown() {
        assertThat(Role.parse(" Staff ")).isEqualTo(Role.STAFF);
        assertThat(Role.ADMIN.wire()).isEqualTo("admin");
        assertThatThrownBy(() -> Role.parse("owner")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Role.parse(null)).isInstanceOf(InvalidInputException.class);
    }
}
