package dev.syndicast.tenancy.rest;

import dev.syndicast.tenancy.boundary.Sessions;
import dev.syndicast.tenancy.entity.Membership;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;

/** Log in and out. The session token is returned once, by login; only its hash is stored. */
@Path("api/external/v1/auth")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "auth")
public class AuthResource {

    @Inject
    Sessions sessions;

    @Inject
    CallerContext callerContext;

    /** A class with public fields, not a record: see the README's known issue on Payara's OpenAPI scanner. */
    public static class LoginRequest {
        @NotNull
        @Size(max = 254)
        public String email;
        @NotNull
        @Size(max = 200)
        public String password;
        /** Slug or id of the workspace to act in; the person's first workspace when absent. */
        @Size(max = 64)
        public String workspace;
    }

    public record MembershipView(String workspaceId, String workspace, String name, String role) {
        static MembershipView of(Membership m) {
            return new MembershipView(m.getWorkspace().getId().toString(), m.getWorkspace().getSlug(),
                    m.getWorkspace().getName(), m.getRole().wire());
        }
    }

    public record LoginReply(String token, String tokenType, Instant expiresAt, String userId, String email,
                             MembershipView workspace, List<MembershipView> workspaces) {
    }

    @POST
    @Path("login")
    @PublicRoute
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Log in with e-mail and password; returns a session token (shown once) for session routes.")
    public LoginReply login(@NotNull @jakarta.validation.Valid LoginRequest request) {
        Sessions.Login login = sessions.login(request.email, request.password, request.workspace);
        return new LoginReply(login.token(), "Bearer", login.session().getExpiresAt(),
                login.session().getUser().getId().toString(), login.session().getUser().getEmail(),
                MembershipView.of(login.current()), login.memberships().stream().map(MembershipView::of).toList());
    }

    @POST
    @Path("logout")
    @SessionRoute
    @Operation(summary = "End the current session.")
    public Response logout() {
        sessions.logout(callerContext.require());
        return Response.noContent().build();
    }
}
