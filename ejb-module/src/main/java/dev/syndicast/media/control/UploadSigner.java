package dev.syndicast.media.control;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.UUID;

/**
 * HMAC-SHA256 signatures of upload URLs. The signature covers the grant id and the expiry, so neither can
 * be changed in the URL; comparison is constant-time.
 */
public class UploadSigner {

    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec key;

    public UploadSigner(byte[] secret) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("The upload signing key must be at least 16 bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
    }

    public String sign(UUID grantId, long expiresEpochSecond) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] digest = mac.doFinal(message(grantId, expiresEpochSecond));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every JVM has " + ALGORITHM, e);
        }
    }

    public boolean verify(UUID grantId, long expiresEpochSecond, String signature) {
        if (signature == null || signature.isBlank()) {
            return false;
        }
        byte[] expected = sign(grantId, expiresEpochSecond).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.strip().getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] message(UUID grantId, long expiresEpochSecond) {
        return ("PUT\n/uploads/" + grantId + "\n" + expiresEpochSecond).getBytes(StandardCharsets.US_ASCII);
    }
}
