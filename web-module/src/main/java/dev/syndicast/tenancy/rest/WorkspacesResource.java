package dev.syndicast.tenancy.rest;

import dev.syndicast.core.rest.Ids;
import dev.syndicast.tenancy.boundary.Workspaces;
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
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Workspaces (seed 002's organisations) and their members. Admin keys ({@code *}) only; creating a
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
    @Operation(summary = "Add a person (new: with password) to this workspace as admin, staff or client.")
    public Response addMember(@NotNull @Valid NewMember request) {
        Membership added = workspaces.addMember(callerContext.require(), new Workspaces.NewMember(request.email,
                request.displayName, request.password, request.role));
        return Response.created(URI.create(ExternalApiResource.BASE + "/members/" + added.getUser().getId()))
                .entity(MemberView.of(added)).build();
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
