package dev.syndicast.media.control;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Tokens of public media URLs: platforms that pull media by URL (Threads, later Instagram, TikTok, YouTube) fetch a
 * library item with no key, so the URL itself is the authorisation. A token is {@code <item id>.<expiry epoch
 * second>.<HMAC-SHA256 over both>}; neither part can be changed without the server secret, the signature is compared
 * in constant time, and every malformed, expired or tampered token is simply "not valid" (callers answer 404 for all of
 * them alike, so a token never reveals whether an item exists).
 */
public class PublicMediaSigner {

    private static final String ALGORITHM = "HmacSHA256";
    private static final Pattern SHAPE = Pattern.compile("[0-9a-fA-F-]{36}\\.[0-9]{1,19}\\.[A-Za-z0-9_-]{43}");
    private final SecretKeySpec key;

    public PublicMediaSigner(byte[] secret) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("The public media URL secret must be at least 16 bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
    }

    /** The token for one item, valid until {@code expires} (inclusive of that second). */
    public String token(UUID itemId, Instant expires) {
        long expiry = expires.getEpochSecond();
        return itemId + "." + expiry + "." + signature(itemId, expiry);
    }

    /** The item a token grants, when the token is well formed, signed by this secret and not expired at {@code now}. */
    public Optional<UUID> verify(String token, Instant now) {
        if (token == null || !SHAPE.matcher(token).matches()) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.");
        UUID itemId;
        long expiry;
        try {
            itemId = UUID.fromString(parts[0]);
            expiry = Long.parseLong(parts[1]);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        // The canonical form is signed: another spelling of the same id (upper case) is not the signed token.
        if (!itemId.toString().equals(parts[0])) {
            return Optional.empty();
        }
        byte[] expected = signature(itemId, expiry).getBytes(StandardCharsets.US_ASCII);
        boolean signed = MessageDigest.isEqual(expected, parts[2].getBytes(StandardCharsets.US_ASCII));
        if (!signed || now.getEpochSecond() > expiry) {
            return Optional.empty();
        }
        return Optional.of(itemId);
    }

    private String signature(UUID itemId, long expiry) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] digest = mac.doFinal(("GET\n/media/public/" + itemId + "\n" + expiry).getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every JVM has " + ALGORITHM, e);
        }
    }
}
