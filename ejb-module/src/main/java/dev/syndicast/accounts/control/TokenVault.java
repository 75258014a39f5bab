package dev.syndicast.accounts.control;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Encrypts secrets (tokens, client secrets, PKCE verifiers) with AES-256-GCM. A ciphertext names the key that
 * made it ({@code v1:<key id>:<base64 iv+ciphertext+tag>}), so keys rotate: the first configured key encrypts,
 * every configured key decrypts, and {@link #isCurrent} tells a caller to re-encrypt an old ciphertext on use.
 * The associated data binds a ciphertext to its place (for example {@code account:<id>:access}), so a ciphertext
 * copied into another row or column does not decrypt.
 */
public final class TokenVault {

    private static final String VERSION = "v1";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String currentKeyId;
    private final Map<String, SecretKeySpec> keys;

    private TokenVault(String currentKeyId, Map<String, SecretKeySpec> keys) {
        this.currentKeyId = currentKeyId;
        this.keys = keys;
    }

    /**
     * @param keyring {@code id:base64key[,id:base64key...]}, current key first; each key 32 bytes (AES-256)
     */
    public static TokenVault fromKeyring(String keyring) {
        Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
        for (String entry : keyring.split(",")) {
            String[] parts = entry.strip().split(":", 2);
            if (parts.length != 2 || !KEY_ID.matcher(parts[0]).matches()) {
                throw new IllegalStateException("Vault keys must look like 'id:base64key,id:base64key' (ids of letters, digits, '-', '_')");
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(parts[1].strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("Vault key '" + parts[0] + "' is not base64", e);
            }
            if (key.length != 32) {
                throw new IllegalStateException("Vault key '" + parts[0] + "' must be 32 bytes (AES-256), not " + key.length);
            }
            if (keys.putIfAbsent(parts[0], new SecretKeySpec(key, "AES")) != null) {
                throw new IllegalStateException("Vault key id '" + parts[0] + "' appears twice");
            }
        }
        return new TokenVault(keys.keySet().iterator().next(), Map.copyOf(keys));
    }

    /** A fresh random key in keyring form, for first starts and for operators rotating keys. */
    public static String newKeyringEntry(String id) {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return id + ":" + Base64.getEncoder().encodeToString(key);
    }

    public String encrypt(String plaintext, String context) {
        if (plaintext == null) {
            return null;
        }
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
            return VERSION + ":" + currentKeyId + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required by every Java runtime", e);
        }
    }

    /** @throws VaultException when the ciphertext is malformed, its key is unknown, or it was tampered with */
    public String decrypt(String ciphertext, String context) {
        if (ciphertext == null) {
            return null;
        }
        String[] parts = ciphertext.split(":", 3);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            throw new VaultException("Not a vault ciphertext");
        }
        SecretKeySpec key = keys.get(parts[1]);
        if (key == null) {
            throw new VaultException("Vault key '" + parts[1] + "' is not configured (was it removed too early?)");
        }
        try {
            byte[] in = Base64.getDecoder().decode(parts[2]);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new VaultException("Ciphertext does not match its key and context (tampered, or copied from elsewhere)");
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new VaultException("Ciphertext is damaged: " + e.getMessage());
        }
    }

    /** Whether a ciphertext was made with the current key (else re-encrypt it when it is next used). */
    public boolean isCurrent(String ciphertext) {
        return ciphertext == null || ciphertext.startsWith(VERSION + ":" + currentKeyId + ":");
    }

    public String currentKeyId() {
        return currentKeyId;
    }

    /** A secret that cannot be read back. */
    public static class VaultException extends RuntimeException {
        public VaultException(String message) {
            super(message);
        }
    }
}
