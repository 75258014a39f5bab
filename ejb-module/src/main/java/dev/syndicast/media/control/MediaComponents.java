package dev.syndicast.media.control;

import dev.syndicast.core.control.DataDirectory;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Logger;

/**
 * Builds the media library's plain collaborators from configuration, once. Another {@link MediaStorage}
 * (an object store) replaces the local one with an {@code @Alternative} of higher priority.
 */
@ApplicationScoped
public class MediaComponents {

    private static final Logger LOG = Logger.getLogger(MediaComponents.class.getName());

    @Inject
    MediaSettings settings;

    @Inject
    DataDirectory dataDirectory;

    @Resource
    ManagedThreadFactory threadFactory;

    private ExecutorService transfers;

    /**
     * Threads of the transfers' own (checksums and background fsyncs), made by the container's thread factory. Not
     * the default ManagedExecutorService: with it, an import after a few idle seconds took 0.5-0.9 s instead of 0.3 s
     * for 256 MiB (bench/media-import.sh), with nothing else running.
     */
    @PostConstruct
    void start() {
        transfers = Executors.newCachedThreadPool(threadFactory);
    }

    @PreDestroy
    void stop() {
        transfers.shutdownNow();
    }

    @Produces
    @Singleton
    MediaStorage storage() {
        return new LocalMediaStorage(dataDirectory.resolve("media"));
    }

    @Produces
    @Singleton
    UrlGuard urlGuard() {
        return UrlGuard.withSystemResolver(settings.allowedHosts(), settings.allowedCidrs());
    }

    @Produces
    @Singleton
    MediaFetcher fetcher(UrlGuard guard) {
        return new MediaFetcher(guard, settings.connectTimeout(), settings.readTimeout(), settings.maxDuration(),
                settings.maxRedirects(), settings.fetchBufferBytes());
    }

    @Produces
    @Singleton
    MediaProber prober() {
        FfmpegTools tools = FfmpegTools.locate(settings.ffmpegPath(), settings.ffprobePath(), dataDirectory.resolve("tools"));
        return new MediaProber(tools, settings.probeTimeout());
    }

    @Produces
    @Singleton
    UploadSigner uploadSigner() {
        byte[] key;
        if (settings.signingKey().isPresent()) {
            key = settings.signingKey().get().getBytes(StandardCharsets.UTF_8);
        } else {
            // Fine for one instance; several instances must share a configured key or they reject each other's URLs.
            key = new byte[32];
            new SecureRandom().nextBytes(key);
            LOG.warning("event=upload_signing_key_generated detail=\"syndicast.media.upload.signing-key is not set:"
                    + " signed upload URLs are valid on this instance until it restarts\"");
        }
        return new UploadSigner(key);
    }

    /** Where checksums (and background fsyncs) of incoming files run, beside the thread that receives the bytes. */
    public Executor checksumExecutor() {
        return transfers;
    }

    /** Where incoming files are written before they are complete (same filesystem as local storage). */
    public Path stagingDirectory() {
        return dataDirectory.resolve("media-staging");
    }
}
