package dev.syndicast.system.rest;

import dev.syndicast.core.rest.BuildInfo;
import dev.syndicast.tenancy.rest.PublicRoute;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

/**
 * Swagger UI at {@code /docs} over the server's MicroProfile OpenAPI document at {@code /openapi}; both are
 * switched off together with {@code SYNDICAST_OPENAPI_ENABLED=false} (the run script turns Payara's endpoint off).
 * The assets come from the swagger-ui webjar; JAX-RS owns "/" here, so they are served through this resource.
 */
@Path("docs")
@PublicRoute
public class DocsResource {

    private static final Map<String, String> ASSETS = Map.of(
            "swagger-ui.css", "text/css",
            "swagger-ui-bundle.js", "application/javascript",
            "swagger-ui-standalone-preset.js", "application/javascript",
            "favicon-32x32.png", "image/png");

    private static final String PAGE = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
              <meta charset="UTF-8">
              <title>Syndicast API</title>
              <link rel="stylesheet" href="/docs/assets/swagger-ui.css">
              <link rel="icon" type="image/png" href="/docs/assets/favicon-32x32.png">
            </head>
            <body>
            <div id="swagger-ui"></div>
            <script src="/docs/assets/swagger-ui-bundle.js"></script>
            <script src="/docs/assets/swagger-ui-standalone-preset.js"></script>
            <script>
              window.ui = SwaggerUIBundle({
                url: "/openapi",
                dom_id: "#swagger-ui",
                presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
                layout: "StandaloneLayout",
                persistAuthorization: true
              });
            </script>
            </body>
            </html>
            """;

    /**
     * The page may run its own bundle and its one inline script (by hash), load its styles and images and fetch
     * the OpenAPI document; nothing else. This replaces the API's load-nothing policy for this one page.
     */
    static final String POLICY = "default-src 'none'; script-src 'self' '" + inlineScriptHash()
            + "'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none';"
            + " base-uri 'none'; form-action 'none'";

    @Inject
    @ConfigProperty(name = "syndicast.openapi.enabled", defaultValue = "true")
    boolean enabled;

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Swagger UI for the OpenAPI document at /openapi")
    public Response page() {
        requireEnabled();
        return Response.ok(PAGE).header("Content-Security-Policy", POLICY).build();
    }

    private void requireEnabled() {
        if (!enabled) {
            throw new NotFoundException("The API documentation is switched off (syndicast.openapi.enabled)");
        }
    }

    private static String inlineScriptHash() {
        String script = PAGE.substring(PAGE.lastIndexOf("<script>") + "<script>".length(), PAGE.lastIndexOf("</script>"));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @GET
    @Path("assets/{file}")
    @Operation(hidden = true)
    public Response asset(@PathParam("file") String file) {
        requireEnabled();
        String type = ASSETS.get(file);
        InputStream in = type == null ? null : DocsResource.class.getResourceAsStream(
                "/META-INF/resources/webjars/swagger-ui/" + BuildInfo.swaggerUiVersion() + "/" + file);
        if (in == null) {
            throw new NotFoundException("No documentation asset named " + file);
        }
        CacheControl cache = new CacheControl();
        cache.setMaxAge(86_400);
        return Response.ok(in, type).cacheControl(cache).build();
    }
}
