package dev.syndicast.posts.batch;

import dev.syndicast.platforms.control.PlatformRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.util.Optional;

/** The platform registry with its documented defaults, for the jobs run in JBeret SE (the server produces its own). */
@ApplicationScoped
public class TestPlatforms {

    @Produces
    @ApplicationScoped
    PlatformRegistry registry() {
        return PlatformRegistry.of(key -> Optional.empty());
    }
}
