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
 * All REST surfaces share one root because seed 004 owns {@code GET /} and {@code GET /health};
 * the other surfaces live under {@code /api/...} and {@code /videos}, {@code /system}.
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
