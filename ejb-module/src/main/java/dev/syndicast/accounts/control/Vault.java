package dev.syndicast.accounts.control;

import dev.syndicast.core.control.DataDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Produces the application's {@link TokenVault}. The keyring comes from {@code syndicast.vault.keys}
 * ({@code SYNDICAST_VAULT_KEYS}); without it a key is generated once into {@code <data dir>/secrets/vault.keys}
 * (owner-only), so a single instance is secure with no setup. Several instances must share the configured keyring.
 */
@ApplicationScoped
public class Vault {

    private static final Logger LOG = Logger.getLogger(Vault.class.getName());

    @Inject
    @ConfigProperty(name = "syndicast.vault.keys")
    Optional<String> configuredKeys;

    @Inject
    DataDirectory dataDirectory;

    /** A pseudo-scoped singleton: the vault is immutable and final, so it needs no client proxy. */
    @Produces
    @jakarta.inject.Singleton
    TokenVault vault() {
        return TokenVault.fromKeyring(configuredKeys.filter(k -> !k.isBlank()).orElseGet(this::localKeyring));
    }

    private String localKeyring() {
        Path file = dataDirectory.resolve("secrets").resolve("vault.keys");
        try {
            if (!Files.exists(file)) {
                // Written aside and moved into place, so nobody ever reads a half-written key file.
                Path pending = Files.createTempFile(file.getParent(), "vault", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(pending, TokenVault.newKeyringEntry("k1"), StandardCharsets.US_ASCII);
                try {
                    Files.move(pending, file);
                    LOG.warning(() -> "event=vault_key_generated file=" + file
                            + " hint=\"back this file up; several instances need SYNDICAST_VAULT_KEYS\"");
                } catch (FileAlreadyExistsException raced) {
                    // Another instance on the same data directory was first: use its key.
                    Files.delete(pending);
                }
            }
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the vault key file " + file, e);
        }
    }
}
