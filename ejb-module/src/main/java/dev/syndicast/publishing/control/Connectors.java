package dev.syndicast.publishing.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Optional;

/** Finds the connector that publishes for an account; real platform connectors join by implementing {@link Connector}. */
@ApplicationScoped
public class Connectors {

    @Inject
    Instance<Connector> available;

    /** Resolved once: asked for every job, and connectors are application-scoped. */
    private List<Connector> connectors;

    @PostConstruct
    void resolve() {
        connectors = available.stream().toList();
    }

    public Optional<Connector> forAccount(String platform, String serviceUrl) {
        return connectors.stream().filter(c -> c.serves(platform, serviceUrl)).findFirst();
    }
}
