package dev.syndicast.system.rest;

import dev.syndicast.tenancy.rest.PublicRoute;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.io.InputStream;
import java.util.Map;

/**
 * Swagger UI at {@code /docs} over the server's MicroProfile OpenAPI document at {@code /openapi}.
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

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Swagger UI for the OpenAPI document at /openapi")
    public String page() {
        return PAGE;
    }

    @GET
    @Path("assets/{file}")
    @Operation(hidden = true)
    public Response asset(@PathParam("file") String file) {
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
