package dev.syndicast.tenancy.entity;

import dev.syndicast.core.entity.InvalidInputException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/** A person who logs in. Only a standard password hash (PBKDF2) is stored, never the password. */
@Entity
@Table(name = "users")
@NamedQuery(name = User.FIND_BY_EMAIL, query = "select u from User u where u.email = :email")
public class User {

    public static final String FIND_BY_EMAIL = "User.findByEmail";
    public static final int MIN_PASSWORD_LENGTH = 10;
    public static final int MAX_PASSWORD_LENGTH = 200;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,189}\\.[^@\\s.]{1,60}");

    @Id
    private UUID id;

    @Column(nullable = false, unique = true, length = 254)
    private String email;

    @Column(name = "display_name", nullable = false, length = 200)
    private String displayName;

    @Column(name = "password_hash", nullable = false, length = 512)
    private String passwordHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "password_changed_at", nullable = false)
    private Instant passwordChangedAt;

    protected User() {
        // JPA
    }

    public User(String email, String displayName, String passwordHash, Instant now) {
        this.id = UUID.randomUUID();
        this.email = normaliseEmail(email);
        if (displayName == null || displayName.isBlank()) {
            displayName = this.email.substring(0, this.email.indexOf('@'));
        }
        if (displayName.length() > 200) {
            throw new InvalidInputException("display_name must be at most 200 characters");
        }
        this.displayName = displayName.strip();
        this.passwordHash = passwordHash;
        this.createdAt = now;
        this.passwordChangedAt = now;
    }

    /** Lower-cased, so one address is one account whatever its spelling. */
    public static String normaliseEmail(String email) {
        String trimmed = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        if (trimmed.length() > 254 || !EMAIL.matcher(trimmed).matches()) {
            throw new InvalidInputException("email must be a valid e-mail address");
        }
        return trimmed;
    }

    /** Checked before hashing; the hash itself is made by the boundary with the container's PBKDF2. */
    public static void requireAcceptablePassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH || password.length() > MAX_PASSWORD_LENGTH) {
            throw new InvalidInputException("password must be " + MIN_PASSWORD_LENGTH + "-" + MAX_PASSWORD_LENGTH
                    + " characters");
        }
        if (password.isBlank()) {
            throw new InvalidInputException("password must not be blank");
        }
    }

    public void changePasswordHash(String newHash, Instant now) {
        this.passwordHash = newHash;
        this.passwordChangedAt = now;
    }

    public UUID getId() { return id; }
    public String getEmail() { return email; }
    public String getDisplayName() { return displayName; }
    public String getPasswordHash() { return passwordHash; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getPasswordChangedAt() { return passwordChangedAt; }
}
