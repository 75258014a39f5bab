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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
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

    /**
     * The signer of public media URLs. Its secret comes from {@code syndicast.media.public-url-secret}; without it one
     * is generated once into {@code <data dir>/secrets/media-public-url.key} (owner-only, like the vault key), so URLs
     * already handed to a platform survive a restart. Several instances must share a configured secret.
     */
    @Produces
    @Singleton
    PublicMediaSigner publicMediaSigner() {
        return new PublicMediaSigner(settings.publicUrlSecret()
                .map(s -> s.getBytes(StandardCharsets.UTF_8))
                .orElseGet(this::localPublicUrlSecret));
    }

    private byte[] localPublicUrlSecret() {
        Path file = dataDirectory.resolve("secrets").resolve("media-public-url.key");
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                // Written aside and moved into place, so nobody ever reads a half-written key file.
                Path pending = Files.createTempFile(file.getParent(), "media-public-url", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(pending, Base64.getEncoder().encodeToString(key), StandardCharsets.US_ASCII);
                try {
                    Files.move(pending, file);
                    LOG.warning(() -> "event=media_public_url_secret_generated file=" + file
                            + " hint=\"several instances need SYNDICAST_MEDIA_PUBLIC_URL_SECRET\"");
                } catch (FileAlreadyExistsException raced) {
                    // Another instance on the same data directory was first: use its secret.
                    Files.delete(pending);
                }
            }
            return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the public media URL secret " + file, e);
        }
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
