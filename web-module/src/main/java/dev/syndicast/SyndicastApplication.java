package dev.syndicast;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.security.SecuritySchemes;

/**
 * All API faces share one root because the system API answers {@code GET /} and {@code GET /health} there;
 * the others live under {@code /api/...} (external API v1, external scheduling API, the operator's routes) and
 * {@code /videos}, {@code /system} (video generation API).
 */
@ApplicationPath("/")
@OpenAPIDefinition(
        info = @Info(title = "Syndicast", version = "0.1.0",
                description = "Self-hosted publishing of video and posts to social networks."),
        security = @SecurityRequirement(name = "bearer"))
@SecuritySchemes({
        @SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
                description = "API key: Authorization: Bearer syn_..."),
        @SecurityScheme(securitySchemeName = "x-api-key", type = SecuritySchemeType.APIKEY,
                in = SecuritySchemeIn.HEADER, apiKeyName = "x-api-key")
})
public class SyndicastApplication extends Application {
}
