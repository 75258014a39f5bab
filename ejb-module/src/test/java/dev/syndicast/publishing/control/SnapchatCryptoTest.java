package dev.syndicast.publishing.control;

import org.junit.jupiter.api.Test;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The streamed AES-256-CBC encryption of Snapchat media: parts encrypted one by one (each from the previous part's
 * last block) add up to exactly what {@code openssl enc -aes-256-cbc} makes of the whole file, and decrypt to it.
 */
class SnapchatCryptoTest {

    @Test
    void partsEncryptedOneByOneFromTheStoredChainAreTheWholeFilesEncryption() throws Exception {
        for (int size : new int[]{0, 1, 15, 16, 17, 100, 4096, 5000}) {
            byte[] plain = new byte[size];
            new Random(size).nextBytes(plain);
            byte[][] keyAndIv = SnapchatCrypto.newKeyAndIv();
            Path file = Files.createTempFile("snap", ".bin");
            try {
                Files.write(file, plain);
                long partSize = SnapchatCrypto.partSize(1000);
                assertThat(partSize).isEqualTo(992);
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                byte[] chain = keyAndIv[1];
                long encrypted = SnapchatCrypto.encryptedSize(size);
                int parts = SnapchatCrypto.parts(size, partSize);
                for (int n = 0; n < parts; n++) {
                    long offset = n * partSize;
                    long length = Math.min(partSize, encrypted - offset);
                    try (SeekableByteChannel channel = Files.newByteChannel(file)) {
                        SnapchatCrypto.Part part = SnapchatCrypto.part(channel, keyAndIv[0], chain, offset, length);
                        all.writeBytes(part.readAllBytes());
                        assertThat(part.delivered()).isEqualTo(length);
                        chain = part.chain();
                    }
                }
                assertThat(all.size()).isEqualTo(encrypted);
                assertThat(all.toByteArray()).as("size " + size).isEqualTo(whole(plain, keyAndIv));
                Cipher decrypt = Cipher.getInstance("AES/CBC/PKCS5Padding");
                decrypt.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keyAndIv[0], "AES"), new IvParameterSpec(keyAndIv[1]));
                assertThat(decrypt.doFinal(all.toByteArray())).isEqualTo(plain);
            } finally {
                Files.delete(file);
            }
        }
    }

    @Test
    void eachMediaGetsItsOwnKeyAndIvAndPartsStartOnBlocks() throws IOException {
        byte[][] a = SnapchatCrypto.newKeyAndIv();
        byte[][] b = SnapchatCrypto.newKeyAndIv();
        assertThat(a[0]).hasSize(32).isNotEqualTo(b[0]);
        assertThat(a[1]).hasSize(16).isNotEqualTo(b[1]);
        assertThat(SnapchatCrypto.encryptedSize(32)).isEqualTo(48);
        assertThat(SnapchatCrypto.partSize(33_554_432)).isEqualTo(33_554_432);
        assertThat(SnapchatCrypto.partSize(5)).isEqualTo(16);
        Path file = Files.createTempFile("snap", ".bin");
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            assertThatThrownBy(() -> SnapchatCrypto.part(channel, a[0], a[1], 8, 16)).isInstanceOf(IllegalArgumentException.class);
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void aPartReadByteByByteKeepsItsLastBlock() throws Exception {
        byte[] plain = new byte[40];
        new Random(3).nextBytes(plain);
        byte[][] keyAndIv = SnapchatCrypto.newKeyAndIv();
        Path file = Files.createTempFile("snap", ".bin");
        try {
            Files.write(file, plain);
            try (SeekableByteChannel channel = Files.newByteChannel(file)) {
                SnapchatCrypto.Part part = SnapchatCrypto.part(channel, keyAndIv[0], keyAndIv[1], 0, 48);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                for (int b = part.read(); b >= 0; b = part.read()) {
                    out.write(b);
                }
                byte[] bytes = out.toByteArray();
                assertThat(part.chain()).isEqualTo(java.util.Arrays.copyOfRange(bytes, 32, 48));
            }
        } finally {
            Files.delete(file);
        }
    }

    private static byte[] whole(byte[] plain, byte[][] keyAndIv) throws Exception {
        Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keyAndIv[0], "AES"), new IvParameterSpec(keyAndIv[1]));
        return cipher.doFinal(plain);
    }
}
