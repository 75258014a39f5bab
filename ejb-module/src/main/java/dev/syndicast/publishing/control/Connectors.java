package dev.syndicast.publishing.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.util.Optional;

/** Finds the connector that publishes for an account; real platform connectors join by implementing {@link Connector}. */
@ApplicationScoped
public class Connectors {

    @Inject
    Instance<Connector> connectors;

    public Optional<Connector> forAccount(String platform, String serviceUrl) {
        return connectors.stream().filter(c -> c.serves(platform, serviceUrl)).findFirst();
    }
}
