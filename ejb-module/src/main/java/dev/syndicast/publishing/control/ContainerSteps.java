package dev.syndicast.publishing.control;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a publish through Meta media containers stands (Threads and Instagram), as stored in the job between steps:
 * the carousel item containers (in the post's order, each with whether Meta finished it), the container being
 * published now (its id is stored before the publish call, so an unknown outcome is looked up through it), when the
 * current container work began (the processing deadline counts from it), and what was published so far (Threads: the
 * post's own thread, then its replies). Stored as
 * {@code {"since":"…","children":[{"id":"…","ready":true}],"container":{"id":"…","ready":false},"posted":[{"id":"…","url":"…"}]}}.
 */
record ContainerSteps(Instant since, List<Container> children, Container container, List<Posted> posted) {

    private static final JsonProvider JSON = JsonProvider.provider();

    /** A media container: Threads' id, and whether its status was FINISHED (ready to publish or to use as a child). */
    record Container(String id, boolean ready) {
    }

    /** A published thread: its media id and permalink (null when Threads did not give one). */
    record Posted(String id, String url) {
    }

    ContainerSteps {
        children = List.copyOf(children);
        posted = List.copyOf(posted);
    }

    static ContainerSteps none() {
        return new ContainerSteps(null, List.of(), null, List.of());
    }

    /** The stored state; null or unreadable (written by another version) starts from the first step. */
    static ContainerSteps parse(String stored) {
        if (stored == null || stored.isBlank()) {
            return none();
        }
        try (var reader = JSON.createReader(new StringReader(stored))) {
            JsonObject o = reader.readObject();
            List<Container> children = new ArrayList<>();
            if (o.containsKey("children")) {
                for (JsonValue v : o.getJsonArray("children")) {
                    children.add(container(v.asJsonObject()));
                }
            }
            List<Posted> posted = new ArrayList<>();
            if (o.containsKey("posted")) {
                for (JsonValue v : o.getJsonArray("posted")) {
                    JsonObject p = v.asJsonObject();
                    posted.add(new Posted(p.getString("id"), p.isNull("url") ? null : p.getString("url")));
                }
            }
            Container container = o.containsKey("container") && !o.isNull("container") ? container(o.getJsonObject("container")) : null;
            return new ContainerSteps(o.containsKey("since") ? Instant.parse(o.getString("since")) : null, children, container, posted);
        } catch (RuntimeException unreadable) {
            return none();
        }
    }

    private static Container container(JsonObject o) {
        return new Container(o.getString("id"), o.getBoolean("ready"));
    }

    String toJson() {
        var o = JSON.createObjectBuilder();
        if (since != null) {
            o.add("since", since.toString());
        }
        JsonArrayBuilder items = JSON.createArrayBuilder();
        children.forEach(c -> items.add(JSON.createObjectBuilder().add("id", c.id()).add("ready", c.ready())));
        o.add("children", items);
        if (container != null) {
            o.add("container", JSON.createObjectBuilder().add("id", container.id()).add("ready", container.ready()));
        }
        JsonArrayBuilder threads = JSON.createArrayBuilder();
        posted.forEach(p -> threads.add(JSON.createObjectBuilder().add("id", p.id())
                .add("url", p.url() == null ? JsonValue.NULL : JSON.createValue(p.url()))));
        o.add("posted", threads);
        return o.build().toString();
    }

    ContainerSteps withChild(Container child, Instant now) {
        List<Container> more = new ArrayList<>(children);
        more.add(child);
        return new ContainerSteps(since == null ? now : since, more, container, posted);
    }

    ContainerSteps childReady(int index) {
        List<Container> changed = new ArrayList<>(children);
        changed.set(index, new Container(children.get(index).id(), true));
        return new ContainerSteps(since, changed, container, posted);
    }

    ContainerSteps withContainer(Container created, Instant now) {
        return new ContainerSteps(since == null ? now : since, children, created, posted);
    }

    ContainerSteps containerReady() {
        return new ContainerSteps(since, children, new Container(container.id(), true), posted);
    }

    /** The current container is dropped (expired or failed) and the part is made again from a new one. */
    ContainerSteps withoutContainer(Instant now) {
        return new ContainerSteps(now, children, null, posted);
    }

    /** A part was published: its container is used up, and the next part's deadline starts now. */
    ContainerSteps withPosted(Posted thread, Instant now) {
        List<Posted> more = new ArrayList<>(posted);
        more.add(thread);
        return new ContainerSteps(now, children, null, more);
    }

    List<String> childIds() {
        return children.stream().map(Container::id).toList();
    }
}
