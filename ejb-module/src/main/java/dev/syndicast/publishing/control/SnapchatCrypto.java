package dev.syndicast.publishing.control;

import javax.crypto.Cipher;
import javax.crypto.CipherInputStream;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The media encryption the Snap Public Profile API asks for (developers.snap.com/api/marketing-api/Public-Profile-API/
 * ProfileAssetManagement, "Encrypt and split file"): AES-256-CBC with a random 32-byte key and 16-byte IV per media
 * item and PKCS#7 padding ({@code openssl enc -aes-256-cbc -nosalt -K $key -iv $iv}), the encrypted file then split
 * into parts. The encryption is streamed: a part is read from the library file at its offset through a
 * {@link CipherInputStream}, never the whole file in memory.
 *
 * <p>CBC makes a part resumable from the stored step: the ciphertext from a block boundary {@code o} on is the
 * encryption of the plaintext from {@code o} with the ciphertext block before {@code o} as IV. So parts are a multiple
 * of the 16-byte block, and each finished part's last block (the "chain") is stored with the job.
 */
final class SnapchatCrypto {

    static final int BLOCK = 16;
    static final int KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SnapchatCrypto() {
    }

    /** A fresh key and IV for one media item. */
    static byte[][] newKeyAndIv() {
        byte[] key = new byte[KEY_BYTES];
        byte[] iv = new byte[BLOCK];
        RANDOM.nextBytes(key);
        RANDOM.nextBytes(iv);
        return new byte[][]{key, iv};
    }

    /** The encrypted length of {@code plain} bytes: PKCS#7 always adds 1 to 16 bytes. */
    static long encryptedSize(long plain) {
        return (plain / BLOCK + 1) * BLOCK;
    }

    /** The part size in use: the configured size rounded down to whole blocks (at least one block). */
    static long partSize(long configured) {
        return Math.max(BLOCK, configured - configured % BLOCK);
    }

    static int parts(long plain, long partSize) {
        return (int) ((encryptedSize(plain) + partSize - 1) / partSize);
    }

    /**
     * The encrypted bytes from ciphertext offset {@code offset} (a multiple of the block) on, {@code length} of them:
     * the plaintext from {@code offset} encrypted with {@code chain} (the IV for the first part, else the previous
     * part's last ciphertext block) as IV. The returned stream keeps the last block it delivered ({@link Part#chain()}).
     */
    static Part part(SeekableByteChannel plain, byte[] key, byte[] chain, long offset, long length) throws IOException {
        if (offset % BLOCK != 0) {
            throw new IllegalArgumentException("a part starts on a block boundary, not at " + offset);
        }
        plain.position(offset);
        Cipher cipher;
        try {
            cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(chain));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-CBC is not available", e);
        }
        InputStream unclosable = new FilterInputStream(Channels.newInputStream(plain)) {
            @Override
            public void close() {
                // the channel is closed by its owner
            }
        };
        return new Part(new CipherInputStream(unclosable, cipher), length);
    }

    /** One part's encrypted bytes, at most {@code length}, remembering the last block it handed out. */
    static final class Part extends FilterInputStream {
        private long left;
        private final byte[] last = new byte[BLOCK];
        private long delivered;

        Part(InputStream in, long length) {
            super(in);
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(buffer, offset, (int) Math.min(length, left));
            if (n > 0) {
                left -= n;
                delivered += n;
                keep(buffer, offset, n);
            }
            return n;
        }

        private void keep(byte[] buffer, int offset, int n) {
            if (n >= BLOCK) {
                System.arraycopy(buffer, offset + n - BLOCK, last, 0, BLOCK);
            } else {
                System.arraycopy(last, n, last, 0, BLOCK - n);
                System.arraycopy(buffer, offset, last, BLOCK - n, n);
            }
        }

        /** The last ciphertext block handed out: the IV of the next part. */
        byte[] chain() {
            return Arrays.copyOf(last, BLOCK);
        }

        long delivered() {
            return delivered;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
