import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Date;

/**
 * Copies a trust store without the CA certificates that have expired, and prints when the first of the remaining
 * ones expires (seconds since the epoch), so that the caller knows when to make it again.
 *
 * <p>Why: Payara checks its trust store at start-up and logs a WARNING of some 70 lines for every expired
 * certificate in it; the JDK's and Payara's bundled lists both keep a few expired roots. An expired root cannot
 * vouch for anything, so leaving it out changes no TLS decision and removes the warnings at their cause.
 *
 * <p>Run as a single source file (no build step): {@code java ValidTrustStore.java <source> <target.p12>}.
 * The source is read with the JDK's default trust store password; the target is written as PKCS12 with the
 * password Payara uses for its own trust store ({@code changeit}; a trust store holds public certificates only).
 */
public class ValidTrustStore {

    private static final char[] PASSWORD = "changeit".toCharArray();

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: java ValidTrustStore.java <source trust store> <target.p12>");
            System.exit(2);
        }
        Path source = Path.of(args[0]);
        Path target = Path.of(args[1]);
        KeyStore in = KeyStore.getInstance(source.toFile(), PASSWORD);
        KeyStore out = KeyStore.getInstance("PKCS12");
        out.load(null, PASSWORD);
        Date now = new Date();
        long firstExpiry = Long.MAX_VALUE;
        for (String alias : Collections.list(in.aliases())) {
            if (in.isCertificateEntry(alias) && in.getCertificate(alias) instanceof X509Certificate certificate
                    && certificate.getNotAfter().after(now)) {
                out.setCertificateEntry(alias, certificate);
                firstExpiry = Math.min(firstExpiry, certificate.getNotAfter().getTime() / 1000);
            }
        }
        // Written beside the target and moved over it, so a server starting meanwhile never reads half a file.
        Path partial = Files.createTempFile(target.toAbsolutePath().getParent(), ".truststore", ".tmp");
        try (OutputStream stream = Files.newOutputStream(partial)) {
            out.store(stream, PASSWORD);
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.println(firstExpiry);
    }
}
