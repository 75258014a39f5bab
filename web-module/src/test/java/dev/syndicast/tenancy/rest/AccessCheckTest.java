package dev.syndicast.tenancy.rest;

import dev.syndicast.core.entity.InvalidInputException;
import dev.syndicast.tenancy.control.Authentication;
import dev.syndicast.tenancy.control.Caller;
import dev.syndicast.tenancy.entity.AccessDeniedException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import static dev.syndicast.tenancy.rest.RouteRules.Auth.API_KEY;
import static dev.syndicast.tenancy.rest.RouteRules.Auth.SESSION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessCheckTest {

    private static Caller key(String workspace, String... scopes) {
        return new Caller(UUID.randomUUID(), "k", UUID.randomUUID(), workspace, Set.of(scopes));
    }

    @Test
    void a_tenant_header_an_agent_key_needs_is_400_and_a_foreign_workspace_403() {
        assertThatThrownBy(() -> AccessCheck.authorise(Authentication.tenantHeaderRequired(), API_KEY, List.of(), false))
                .isInstanceOf(InvalidInputException.class).hasMessage(Authentication.TENANT_HEADER_REQUIRED_DETAIL);
        assertThatThrownBy(() -> AccessCheck.authorise(Authentication.tenantForbidden(), SESSION, List.of(), false))
                .isInstanceOf(AccessDeniedException.class).hasMessage(Authentication.TENANT_FORBIDDEN_DETAIL);
    }

    @Test
    void a_key_needs_one_of_the_routes_scopes() {
        Caller reader = key("acme", "posts:read");
        assertThat(AccessCheck.authorise(Authentication.ok(reader), API_KEY, List.of("posts:read", "posts:write"), false))
                .isEqualTo(reader);
        assertThatThrownBy(() -> AccessCheck.authorise(Authentication.ok(reader), API_KEY, List.of("media:write", "media:admin"), false))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessage("This API key lacks the scope 'media:write' or 'media:admin' that this route requires");
        Caller admin = key("acme", "*");
        assertThat(AccessCheck.authorise(Authentication.ok(admin), API_KEY, List.of("media:write"), false)).isEqualTo(admin);
    }

    @Test
    void an_operator_route_takes_only_an_admin_key_of_the_default_workspace() {
        Caller operator = key("default", "*");
        assertThat(AccessCheck.authorise(Authentication.ok(operator), API_KEY, List.of(), true)).isEqualTo(operator);
        assertThatThrownBy(() -> AccessCheck.authorise(Authentication.ok(key("acme", "*")), API_KEY, List.of(), true))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessage("Only the installation's operator (an admin key of the default workspace) may call this route");
        assertThatThrownBy(() -> AccessCheck.authorise(Authentication.ok(key("default", "posts:read")), API_KEY, List.of(), true))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void a_session_route_checks_no_key_scopes() {
        Caller person = key("acme");
        assertThat(AccessCheck.authorise(Authentication.ok(person), SESSION, List.of("posts:write"), true)).isEqualTo(person);
    }
}
