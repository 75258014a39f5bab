package dev.syndicast.tenancy.rest;

import dev.syndicast.core.rest.Ids;
import dev.syndicast.tenancy.boundary.Workspaces;
import dev.syndicast.tenancy.entity.Invitation;
import dev.syndicast.tenancy.entity.Membership;
import dev.syndicast.tenancy.entity.Workspace;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Workspaces (organisations) and their members. Admin keys ({@code *}) only; creating a
 * workspace additionally needs the default workspace (the installation's operator).
 */
@Path("api/external/v1")
@RequestScoped
@RequiresScope("*")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "workspaces")
public class WorkspacesResource {

    @Inject
    Workspaces workspaces;

    @Inject
    CallerContext callerContext;

    @Inject
    Clock clock;

    /** A class with public fields, not a record: see the README's known issue on Payara's OpenAPI scanner. */
    public static class NewAdmin {
        @NotNull
        @Size(max = 254)
        public String email;
        @Size(max = 200)
        public String displayName;
        /** Needed only when the e-mail is new to this installation. */
        @Size(max = 200)
        public String password;
    }

    public static class NewMember extends NewAdmin {
        @NotNull
        @Size(max = 16)
        public String role;
    }

    public static class NewWorkspace {
        @NotNull
        @Size(max = 64)
        public String slug;
        @NotNull
        @Size(max = 200)
        public String name;
        @NotNull
        @Valid
        public NewAdmin admin;
    }

    public static class RoleChange {
        @NotNull
        @Size(max = 16)
        public String role;
    }

    public record WorkspaceView(UUID id, String slug, String name, Instant createdAt) {
        static WorkspaceView of(Workspace w) {
            return new WorkspaceView(w.getId(), w.getSlug(), w.getName(), w.getCreatedAt());
        }
    }

    public record MemberView(UUID id, String email, String displayName, String role, Instant since) {
        static MemberView of(Membership m) {
            return new MemberView(m.getUser().getId(), m.getUser().getEmail(), m.getUser().getDisplayName(),
                    m.getRole().wire(), m.getCreatedAt());
        }
    }

    /**
     * An invitation as the inviting workspace sees it: the e-mail it typed, the role, the state. Never the person's
     * id, name or other workspaces: those are theirs to show by accepting.
     */
    public record SentInvitationView(UUID id, String email, String role, String status, String invitedBy, Instant createdAt,
                                     Instant expiresAt, Instant answeredAt) {
        static SentInvitationView of(Invitation i, Instant now) {
            return new SentInvitationView(i.getId(), i.getUser().getEmail(), i.getRole().wire(), i.statusAt(now), i.getInvitedBy(),
                    i.getCreatedAt(), i.getExpiresAt(), i.getAnsweredAt());
        }
    }

    @GET
    @Path("workspaces")
    @Operation(summary = "Workspaces this key may act for (all of them for the operator).")
    public List<WorkspaceView> list() {
        return workspaces.visible(callerContext.require()).stream().map(WorkspaceView::of).toList();
    }

    @POST
    @Path("workspaces")
    @OperatorRoute
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a workspace with its first admin (operator only: an admin key of the default workspace).")
    public Response create(@NotNull @Valid NewWorkspace request) {
        Workspace created = workspaces.create(callerContext.require(), request.slug, request.name,
                new Workspaces.NewMember(request.admin.email, request.admin.displayName, request.admin.password, "admin"));
        return Response.created(URI.create(ExternalApiResource.BASE + "/workspaces/" + created.getId()))
                .entity(WorkspaceView.of(created)).build();
    }

    @GET
    @Path("members")
    @Operation(summary = "People in this workspace and their roles.")
    public List<MemberView> members() {
        return workspaces.members(callerContext.require()).stream().map(MemberView::of).toList();
    }

    @POST
    @Path("members")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a new person (with password) as admin, staff or client: 201; a person who has an account "
            + "already is invited instead: 202 with the invitation, which they accept themselves.")
    public Response addMember(@NotNull @Valid NewMember request) {
        Workspaces.Added added = workspaces.addMember(callerContext.require(), new Workspaces.NewMember(request.email,
                request.displayName, request.password, request.role));
        if (added.invited()) {
            Invitation invitation = added.invitation();
            return Response.accepted(SentInvitationView.of(invitation, clock.instant()))
                    .location(URI.create(ExternalApiResource.BASE + "/members/invitations/" + invitation.getId())).build();
        }
        Membership member = added.member();
        return Response.created(URI.create(ExternalApiResource.BASE + "/members/" + member.getUser().getId()))
                .entity(MemberView.of(member)).build();
    }

    @GET
    @Path("members/invitations")
    @Operation(summary = "Invitations this workspace sent, newest first: e-mail, role, status (pending, accepted, declined, revoked, expired).")
    public List<SentInvitationView> invitations() {
        Instant now = clock.instant();
        return workspaces.invitations(callerContext.require()).stream().map(i -> SentInvitationView.of(i, now)).toList();
    }

    @DELETE
    @Path("members/invitations/{id}")
    @Operation(summary = "Withdraw a pending invitation.")
    public SentInvitationView revokeInvitation(@PathParam("id") String id) {
        return SentInvitationView.of(workspaces.revokeInvitation(callerContext.require(), Ids.parse(id, "Invitation")),
                clock.instant());
    }

    @PATCH
    @Path("members/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a member's role.")
    public MemberView changeRole(@PathParam("id") String id, @NotNull @Valid RoleChange change) {
        return MemberView.of(workspaces.changeRole(callerContext.require(), Ids.parse(id, "Member"), change.role));
    }

    @DELETE
    @Path("members/{id}")
    @Operation(summary = "Remove a person from this workspace; their keys stop working here at once.")
    public MemberView remove(@PathParam("id") String id) {
        return MemberView.of(workspaces.removeMember(callerContext.require(), Ids.parse(id, "Member")));
    }

}
