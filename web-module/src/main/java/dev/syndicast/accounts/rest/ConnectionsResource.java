package dev.syndicast.accounts.rest;

import dev.syndicast.accounts.boundary.Accounts;
import dev.syndicast.accounts.boundary.Connections;
import dev.syndicast.tenancy.control.Caller;
import dev.syndicast.tenancy.rest.CallerContext;
import dev.syndicast.tenancy.rest.PublicRoute;
import dev.syndicast.tenancy.rest.RequiresScope;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The connections routes: the OAuth connect flow (start, callback, pending selection) and disconnecting.
 * The callback is public: the person's browser returns from the platform without our API key, and the
 * single-use {@code state} is what authorises it.
 */
@Path("api/external/v1/connections")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "connections")
public class ConnectionsResource {

    @Inject
    Connections connections;

    @Inject
    Accounts accounts;

    @Inject
    CallerContext caller;

    @Inject
    @ConfigProperty(name = "syndicast.public-url")
    Optional<String> publicUrl;

    @Context
    UriInfo uriInfo;

    public record StartView(String platform, URI authorizationUrl, String state, Instant expiresAt, String redirectUri) {
    }

    public record OptionView(int index, String platformAccountId, String username, String displayName, String avatarUrl) {
    }

    /** {@code status} is {@code connected} (with the accounts) or {@code pending_selection} (with nonce and options). */
    public record OutcomeView(String status, String platform, List<AccountView> accounts, String nonce, Instant expiresAt,
                              List<OptionView> options) {

        static OutcomeView of(Connections.Outcome o) {
            return new OutcomeView(o.pendingNonce() == null ? "connected" : "pending_selection", o.platform(),
                    o.accounts().stream().map(AccountView::of).toList(), o.pendingNonce(), o.pendingExpiresAt(),
                    o.options().stream().map(p -> new OptionView(p.index(), p.platformAccountId(), p.username(), p.displayName(), p.avatarUrl())).toList());
        }
    }

    public record ConnectionList(List<AccountView> data) {
    }

    /**
     * Bluesky: {@code handle} (or {@code identifier}), {@code app_password}, optional {@code service_url} (a PDS other
     * than bsky.social). Mastodon: {@code instance_url}, {@code access_token}.
     */
    public static class ManualConnection {
        @Size(max = 300)
        public String handle;
        @Size(max = 300)
        public String identifier;
        @Size(max = 300)
        public String appPassword;
        @Size(max = 500)
        public String serviceUrl;
        @Size(max = 500)
        public String instanceUrl;
        @Size(max = 2000)
        public String accessToken;
    }

    @GET
    @RequiresScope("connections:read")
    @Operation(summary = "Connected accounts of every platform (live ones)")
    public ConnectionList list() {
        return new ConnectionList(accounts.byPlatform(workspace()).values().stream().flatMap(List::stream).map(AccountView::of).toList());
    }

    @GET
    @Path("{platform}/start")
    @RequiresScope("connections:write")
    @Operation(summary = "Start OAuth for a platform: the authorization URL to send the person to (redirect=true answers 302 to it)")
    public Response start(@PathParam("platform") String platform, @QueryParam("redirect") boolean redirect) {
        Caller who = caller.require();
        Connections.Started started = connections.start(who.workspaceId(), (who.isSession() ? "user:" : "key:") + who.actorName(),
                platform, callbackUri(platform));
        if (redirect) {
            return Response.seeOther(started.authorizationUrl()).build();
        }
        return Response.ok(new StartView(platform, started.authorizationUrl(), started.state(), started.expiresAt(),
                started.redirectUri())).build();
    }

    @GET
    @Path("{platform}/callback")
    @PublicRoute
    @Operation(summary = "Where the platform sends the person back; connects the account or keeps a pending selection")
    public OutcomeView callback(@PathParam("platform") String platform, @QueryParam("code") String code,
                                @QueryParam("state") String state, @QueryParam("error") String error,
                                @QueryParam("error_description") String errorDescription) {
        return OutcomeView.of(connections.callback(platform, code, state, error, errorDescription));
    }

    @POST
    @Path("{platform}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("connections:write")
    @Operation(summary = "Connect Bluesky (handle + app password) or Mastodon (instance URL + access token); 201 with the account")
    public Response connectManually(@PathParam("platform") String platform, @Valid @NotNull ManualConnection body) {
        Caller who = caller.require();
        Connections.ManualCredentials credentials = new Connections.ManualCredentials(
                body.handle != null ? body.handle : body.identifier, body.appPassword, body.serviceUrl, body.instanceUrl, body.accessToken);
        return Response.status(201).entity(AccountView.of(connections.connectManually(who.workspaceId(),
                (who.isSession() ? "user:" : "key:") + who.actorName(), platform, credentials))).build();
    }

    @GET
    @Path("oauth/pending/{nonce}")
    @RequiresScope("connections:read")
    @Operation(summary = "The options of a pending multi-account selection")
    public OutcomeView pending(@PathParam("nonce") String nonce) {
        return OutcomeView.of(connections.pending(workspace(), nonce));
    }

    @DELETE
    @Path("{platform}")
    @RequiresScope("connections:write")
    @Operation(summary = "Disconnect the platform's account (name one with account_id when several are connected)")
    public ConnectionList disconnect(@PathParam("platform") String platform, @QueryParam("account_id") String accountId) {
        UUID id = accountId == null ? null : dev.syndicast.core.rest.Ids.parse(accountId, "Account");
        return new ConnectionList(accounts.disconnectPlatform(workspace(), platform, id).stream().map(AccountView::of).toList());
    }

    /** The registered redirect URI: the public URL when configured (behind a proxy), else the URL this request came to. */
    private String callbackUri(String platform) {
        String base = publicUrl.filter(u -> !u.isBlank()).map(u -> u.replaceAll("/+$", "") + "/")
                .orElse(uriInfo.getBaseUri().toString());
        return base + "api/external/v1/connections/" + platform + "/callback";
    }

    private UUID workspace() {
        return caller.require().workspaceId();
    }
}
