package dev.syndicast.posts.rest;

import dev.syndicast.core.entity.ConflictException;
import dev.syndicast.core.entity.InvalidInputException;
import dev.syndicast.core.rest.JsonbConfiguration;
import dev.syndicast.posts.boundary.IdempotencyKeys;
import dev.syndicast.tenancy.rest.CallerContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The external API v1's {@code Idempotency-Key} on creating POSTs: the first request runs and its reply is stored; a repeat with
 * the same body gets the stored reply (same status, body and Location); the same key with a different body, or while
 * the first is still running, is 409.
 */
@ApplicationScoped
public class Idempotent {

    public static final String HEADER = "Idempotency-Key";
    private static final Jsonb JSONB = JsonbBuilder.create(JsonbConfiguration.config());

    @Inject
    IdempotencyKeys keys;

    @Inject
    CallerContext caller;

    public Response run(String key, String route, Object request, Supplier<Response> action) {
        if (key == null) {
            return action.get();
        }
        if (key.isBlank() || key.length() > 200) {
            throw new InvalidInputException("Idempotency-Key must be 1-200 characters");
        }
        UUID workspace = caller.require().workspaceId();
        String hash = sha256(route + "\n" + JSONB.toJson(request));
        Optional<IdempotencyKeys.Stored> stored = keys.reserve(workspace, key, route, hash);
        if (stored.isPresent()) {
            IdempotencyKeys.Stored s = stored.get();
            if (!s.route().equals(route) || !s.requestHash().equals(hash)) {
                throw new ConflictException("Idempotency-Key " + key + " was already used with a different request");
            }
            if (s.status() == IdempotencyKeys.IN_PROGRESS) {
                throw new ConflictException("A request with Idempotency-Key " + key + " is still being processed");
            }
            Response.ResponseBuilder replay = Response.status(s.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(s.body())
                    .header("Idempotent-Replayed", "true");
            return (s.location() == null ? replay : replay.location(URI.create(s.location()))).build();
        }
        Response response;
        try {
            response = action.get();
        } catch (RuntimeException e) {
            // The request did not happen: the caller may try again with the same key.
            keys.release(workspace, key);
            throw e;
        }
        String body = response.getEntity() instanceof String s ? s : JSONB.toJson(response.getEntity());
        URI location = response.getLocation();
        keys.complete(workspace, key, response.getStatus(), body, location == null ? null : location.toString());
        Response.ResponseBuilder fresh = Response.status(response.getStatus()).type(MediaType.APPLICATION_JSON_TYPE).entity(body);
        return (location == null ? fresh : fresh.location(location)).build();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
