package dev.syndicast.tenancy.rest;

import dev.syndicast.core.rest.Ids;
import dev.syndicast.tenancy.boundary.Workspaces;
import dev.syndicast.tenancy.entity.Invitation;
import dev.syndicast.tenancy.entity.Membership;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The invited person's side of an invitation: their open invitations, accept, decline. Session routes: only the
 * person answers, with their own login (any of their workspaces), never a key; someone else's invitation is 404.
 */
@Path("api/external/v1/invitations")
@RequestScoped
@SessionRoute
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "workspaces")
public class InvitationsResource {

    @Inject
    Workspaces workspaces;

    @Inject
    CallerContext callerContext;

    @Inject
    Clock clock;

    public record WorkspaceRef(UUID id, String slug, String name) {
    }

    public record InvitationView(UUID id, WorkspaceRef workspace, String role, String status, String invitedBy,
                                 Instant createdAt, Instant expiresAt) {
        static InvitationView of(Invitation i, Instant now) {
            return new InvitationView(i.getId(), new WorkspaceRef(i.getWorkspace().getId(), i.getWorkspace().getSlug(),
                    i.getWorkspace().getName()), i.getRole().wire(), i.statusAt(now), i.getInvitedBy(), i.getCreatedAt(),
                    i.getExpiresAt());
        }
    }

    public record Joined(WorkspaceRef workspace, String role, Instant since) {
    }

    @GET
    @Operation(summary = "Your open invitations to other workspaces, newest first.")
    public List<InvitationView> mine() {
        Instant now = clock.instant();
        return workspaces.invitationsOf(callerContext.require()).stream().map(i -> InvitationView.of(i, now)).toList();
    }

    @POST
    @Path("{id}/accept")
    @Operation(summary = "Accept an invitation: you become a member of its workspace with its role.")
    public Joined accept(@PathParam("id") String id) {
        Membership m = workspaces.acceptInvitation(callerContext.require(), Ids.parse(id, "Invitation"));
        return new Joined(new WorkspaceRef(m.getWorkspace().getId(), m.getWorkspace().getSlug(), m.getWorkspace().getName()),
                m.getRole().wire(), m.getCreatedAt());
    }

    @POST
    @Path("{id}/decline")
    @Operation(summary = "Decline an invitation; the workspace sees it declined.")
    public InvitationView decline(@PathParam("id") String id) {
        return InvitationView.of(workspaces.declineInvitation(callerContext.require(), Ids.parse(id, "Invitation")), clock.instant());
    }
}
