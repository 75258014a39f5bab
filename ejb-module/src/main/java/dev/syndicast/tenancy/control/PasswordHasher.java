package dev.syndicast.tenancy.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Map;

/**
 * Passwords are hashed with Jakarta Security's standard PBKDF2 (HMAC-SHA256, random salt). The stored
 * string carries algorithm, iterations and salt, so raising the iteration count later keeps old hashes valid.
 */
@ApplicationScoped
public class PasswordHasher {

    /** A well-formed hash of a random password: checking against it costs as much as a real check. */
    private String decoy;

    @Inject
    Pbkdf2PasswordHash pbkdf2;

    @Inject
    @ConfigProperty(name = "syndicast.password.iterations", defaultValue = "210000")
    int iterations;

    @PostConstruct
    void configure() {
        pbkdf2.initialize(Map.of(
                "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA256",
                "Pbkdf2PasswordHash.Iterations", String.valueOf(Math.max(10_000, iterations)),
                "Pbkdf2PasswordHash.SaltSizeBytes", "16",
                "Pbkdf2PasswordHash.KeySizeBytes", "32"));
        decoy = pbkdf2.generate(KeyGenerator.newKey().toCharArray());
    }

    public String hash(String password) {
        return pbkdf2.generate(password.toCharArray());
    }

    public boolean verify(String password, String storedHash) {
        return password != null && pbkdf2.verify(password.toCharArray(), storedHash);
    }

    /** Spends the time of a real check, so an unknown e-mail cannot be told apart by the reply time. */
    public void verifyDecoy(String password) {
        pbkdf2.verify((password == null ? "" : password).toCharArray(), decoy);
    }
}
