package dev.syndicast.scheduling.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The registry of {@link TaskHandler} beans by kind. Two handlers for one kind is a deployment error. */
@ApplicationScoped
public class TaskHandlers {

    @Inject
    @Any
    Instance<TaskHandler> beans;

    private final Map<String, TaskHandler> byKind = new TreeMap<>();

    @PostConstruct
    void index() {
        for (TaskHandler handler : beans) {
            TaskHandler previous = byKind.putIfAbsent(handler.kind(), handler);
            if (previous != null) {
                throw new IllegalStateException("Two task handlers for kind '" + handler.kind() + "': "
                        + previous.getClass().getName() + " and " + handler.getClass().getName());
            }
        }
    }

    public Optional<TaskHandler> forKind(String kind) {
        return Optional.ofNullable(byKind.get(kind));
    }

    public java.util.Set<String> kinds() {
        return java.util.Collections.unmodifiableSet(byKind.keySet());
    }
}
