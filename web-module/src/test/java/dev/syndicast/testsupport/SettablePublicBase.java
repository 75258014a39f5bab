package dev.syndicast.testsupport;

import dev.syndicast.media.control.PublicBase;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.interceptor.Interceptor;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The public base URL tests can set: the shared server listens on a random port, so {@code syndicast.public-url}
 * cannot name it before it starts. Deployed with the test support it replaces {@link PublicBase} (an enabled
 * alternative); unset, it is the configured value (none in tests), so connectors refuse as in production.
 */
@ApplicationScoped
@Alternative
@Priority(Interceptor.Priority.APPLICATION + 100)
public class SettablePublicBase extends PublicBase {

    private final AtomicReference<String> override = new AtomicReference<>();

    public void set(String base) {
        override.set(base);
    }

    @Override
    public Optional<String> url() {
        String base = override.get();
        return base == null ? super.url() : Optional.of(base.replaceAll("/+$", ""));
    }
}
