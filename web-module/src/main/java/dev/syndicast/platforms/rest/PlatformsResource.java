package dev.syndicast.platforms.rest;

import dev.syndicast.platforms.control.PlatformRegistry;
import dev.syndicast.platforms.control.TargetOptions;
import dev.syndicast.platforms.entity.TargetOption;
import dev.syndicast.platforms.entity.MediaLimits;
import dev.syndicast.platforms.entity.PlatformSpec;
import dev.syndicast.tenancy.rest.RequiresScope;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** {@code GET /platforms} and the single-platform view: constraints, readiness, publish support. */
@Path("api/external/v1/platforms")
@RequestScoped
@RequiresScope("platforms:read")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "platforms")
public class PlatformsResource {

    @Inject
    PlatformRegistry registry;

    /** The documented constraint object, with the media limits spelled out and where the figures come from. */
    public record PlatformView(String platform, String displayName, List<String> aliases, int maxCharacters, int maxTitleCharacters,
                               int maxMediaItems, List<String> supportedMediaTypes, MediaLimits mediaLimits, boolean supportsThreads,
                               boolean supportsCarousel, boolean supportsHashtags, int maxHashtags, int dailyCap, boolean active,
                               boolean enabled, String connect, List<OptionView> targetOptions, String source) {

        static PlatformView of(PlatformSpec p) {
            return new PlatformView(p.name(), p.displayName(), p.aliases(), p.maxCharacters(), p.maxTitleCharacters(),
                    p.media().maxItems(), p.media().types(), p.media(), p.supportsThreads(), p.supportsCarousel(),
                    p.supportsHashtags(), p.maxHashtags(), p.dailyCap(), p.publishWired() && p.enabled(), p.enabled(),
                    p.connectKind().name().toLowerCase(java.util.Locale.ROOT),
                    TargetOptions.of(p.name()).stream().map(OptionView::of).toList(), p.source());
        }
    }

    /** One setting a target of the platform may carry in {@code targets[].options}. */
    public record OptionView(String name, String kind, List<String> choices, Integer maxLength, boolean required, String meaning) {

        static OptionView of(TargetOption o) {
            return new OptionView(o.name(), o.kind().name().toLowerCase(java.util.Locale.ROOT), o.choices().isEmpty() ? null : o.choices(),
                    o.maxLength() == 0 ? null : o.maxLength(), o.required(), o.meaning());
        }
    }

    @GET
    @Operation(summary = "Every platform with its constraints; active says whether publishing to it is wired")
    public List<PlatformView> list() {
        return registry.all().stream().map(PlatformView::of).toList();
    }

    @GET
    @Path("{platform}")
    @Operation(summary = "One platform's constraints (404 'Unknown platform: {name}' for names it does not know)")
    public PlatformView one(@PathParam("platform") String platform) {
        return PlatformView.of(registry.get(platform));
    }
}
