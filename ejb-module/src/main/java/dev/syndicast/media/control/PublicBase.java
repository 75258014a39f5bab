package dev.syndicast.media.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * The externally reachable base URL of this installation ({@code syndicast.public-url}), as public media URLs need
 * it: a platform fetches media from there, so the URL of whatever request is being served will not do. No default:
 * without it, connectors that hand media over by URL refuse at validation.
 */
@ApplicationScoped
public class PublicBase {

    @Inject
    @ConfigProperty(name = "syndicast.public-url")
    Optional<String> configured;

    /** The base without a trailing slash, when configured. */
    public Optional<String> url() {
        return configured.map(String::strip).filter(u -> !u.isEmpty()).map(u -> u.replaceAll("/+$", ""));
    }
}
