package dev.syndicast.batch.control;

import dev.syndicast.core.entity.NotFoundException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The jobs the batch console offers. Each job's parameters and their defaults are read from its job XML (the
 * {@code <properties>} at the top, {@code #{jobParameters['name']}?:default;}), so the console can never show
 * something the job does not do; what the catalog adds is who may start it and a one-line description.
 */
public final class JobCatalog {

    /** A parameter the server sets from the caller; a caller never chooses it. */
    public static final String WORKSPACE_PARAMETER = "workspaceId";
    /** A parameter naming a folder under the configured folder root; the server turns it into a checked path. */
    public static final String FOLDER_PARAMETER = "folder";
    /** A parameter naming an upload of the caller's workspace; the server turns it into a file path. */
    public static final String FILE_PARAMETER = "file";

    private static final Pattern PARAMETER = Pattern.compile(
            "<property\\s+name=\"([A-Za-z0-9_]+)\"\\s+value=\"#\\{jobParameters\\['([A-Za-z0-9_]+)'\\]\\}(\\?:([^;\"]*);)?\"");

    public record Parameter(String name, String defaultValue, boolean required) {
    }

    /** @param scope what a caller needs besides the console's own scope ({@code *} for housekeeping) */
    public record Job(String name, String description, String scope, List<Parameter> parameters) {
    }

    /** Loaded on first use: the job XML lives in the batch-jobs module, next to this one only when deployed. */
    private static final class Jobs {
        static final Map<String, Job> ALL = new LinkedHashMap<>();

        static {
            add("post-import", "Create posts from a CSV with a header row (content, platforms, scheduled_at, ...); bad rows are skipped"
                    + " into the error report; dryRun validates only",
                    "posts:write");
            add("folder-upload", "Import the videos of a server folder with their .txt captions and schedule them at an interval",
                    "posts:write");
            add("media-import", "Import a list of URLs (or a CSV of them) into the media library, with a result per URL",
                    "media-library:write");
            add("purge-finished-tasks", "Delete background tasks that finished more than olderThanDays ago (housekeeping)", "*");
        }

        private static void add(String name, String description, String scope) {
            ALL.put(name, new Job(name, description, scope, parameters(name)));
        }
    }

    private JobCatalog() {
    }

    public static List<Job> all() {
        return List.copyOf(Jobs.ALL.values());
    }

    public static List<String> names() {
        return List.copyOf(Jobs.ALL.keySet());
    }

    public static Job get(String name) {
        Job job = Jobs.ALL.get(name);
        if (job == null) {
            throw new NotFoundException("Unknown batch job: " + name);
        }
        return job;
    }

    static List<Parameter> parameters(String jobName) {
        String resource = "META-INF/batch-jobs/" + jobName + ".xml";
        try (InputStream xml = JobCatalog.class.getClassLoader().getResourceAsStream(resource)) {
            if (xml == null) {
                // The catalog names a job whose XML is not deployed: a packaging bug, found at start-up.
                throw new IllegalStateException("Batch job XML missing: " + resource);
            }
            String text = new String(xml.readAllBytes(), StandardCharsets.UTF_8);
            List<Parameter> parameters = new ArrayList<>();
            Matcher m = PARAMETER.matcher(text);
            while (m.find()) {
                boolean hasDefault = m.group(3) != null;
                parameters.add(new Parameter(m.group(2), hasDefault ? m.group(4) : null, !hasDefault));
            }
            return List.copyOf(parameters);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
