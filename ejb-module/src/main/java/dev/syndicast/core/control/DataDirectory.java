package dev.syndicast.core.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Root of everything Syndicast writes to disk: media, renders, the broker journal, batch reports. */
@ApplicationScoped
public class DataDirectory {

    @Inject
    @ConfigProperty(name = "syndicast.data.dir", defaultValue = "./data")
    String root;

    public Path root() {
        return Path.of(root).toAbsolutePath().normalize();
    }

    /** A sub-directory of the data directory, created on first use. */
    public Path resolve(String area) {
        Path dir = root().resolve(area).normalize();
        if (!dir.startsWith(root())) {
            throw new IllegalArgumentException("Area escapes the data directory: " + area);
        }
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + dir, e);
        }
    }
}
