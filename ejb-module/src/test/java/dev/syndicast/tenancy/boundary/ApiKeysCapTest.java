package dev.syndicast.tenancy.boundary;

import dev.syndicast.tenancy.entity.Role;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeysCapTest {

    @Test
    void a_key_never_grants_more_than_its_owners_current_role() {
        assertThat(ApiKeys.capped(Set.of("*"), Role.ADMIN)).containsExactly("*");
        assertThat(ApiKeys.capped(Set.of("*"), Role.CLIENT)).isEqualTo(Role.CLIENT.grantable());
        assertThat(ApiKeys.capped(Set.of("posts:read", "settings:write"), Role.STAFF)).containsExactly("posts:read");
    }
}
