package dev.syndicast.media.control;

import dev.syndicast.media.entity.MediaRejectedException;
import dev.syndicast.media.entity.MediaRejectedException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The guard is tested without DNS or network: a fake resolver maps test names to chosen addresses. */
class UrlGuardTest {

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static UrlGuard.Resolver fakeDns(Map<String, List<String>> records) {
        return host -> {
            List<String> addresses = records.get(host);
            if (addresses == null) {
                if (host.matches("[0-9.]+") || host.contains(":")) {
                    return new InetAddress[]{ip(host)};
                }
                throw new UnknownHostException(host);
            }
            return addresses.stream().map(UrlGuardTest::ip).toArray(InetAddress[]::new);
        };
    }

    private final UrlGuard guard = new UrlGuard(List.of(), List.of(), fakeDns(Map.of(
            "cdn.example", List.of("93.184.216.34"),
            "metadata.example", List.of("169.254.169.254"),
            "rebind.example", List.of("93.184.216.34", "10.1.2.3"),
            "v6.example", List.of("2606:2800:220:1:248:1893:25c8:1946"),
            "ula.example", List.of("fd00:ec2::254"))));

    @ParameterizedTest
    @ValueSource(strings = {
            "127.0.0.1", "127.1.2.3", "0.0.0.0", "10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1",
            "169.254.169.254", "100.64.0.1", "100.100.100.200", "192.0.0.192", "224.0.0.1", "255.255.255.255",
            "198.18.0.1", "::1", "::", "fe80::1", "fc00::1", "fd00:ec2::254", "ff02::1", "::ffff:127.0.0.1",
            "::ffff:169.254.169.254", "::127.0.0.1", "64:ff9b::a9fe:a9fe", "2002:7f00:0001::1", "2001:0:4136:e378::1",
            "fec0::1", "2001:db8::1", "::ffff:0:7f00:1", "::ffff:0:808:808"})
    void refusesNonPublicAddresses(String address) {
        assertThat(UrlGuard.isForbidden(ip(address))).as(address).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:2800:220:1:248:1893:25c8:1946",
            "2002:5db8:d822::1", "64:ff9b::808:808"})
    void allowsPublicAddresses(String address) {
        assertThat(UrlGuard.isForbidden(ip(address))).as(address).isFalse();
    }

    @Test
    void checksEveryAddressANameResolvesTo() {
        assertThatCode(() -> guard.check(URI.create("https://cdn.example/a.jpg"))).doesNotThrowAnyException();
        assertThatCode(() -> guard.check(URI.create("https://v6.example/a.jpg"))).doesNotThrowAnyException();
        assertRefused("http://metadata.example/latest/meta-data/", Reason.FORBIDDEN_ADDRESS);
        assertRefused("http://rebind.example/a.jpg", Reason.FORBIDDEN_ADDRESS);
        assertRefused("http://ula.example/", Reason.FORBIDDEN_ADDRESS);
    }

    @Test
    void refusesLiteralLoopbackInEveryNotation() {
        assertRefused("http://127.0.0.1:8080/x", Reason.FORBIDDEN_ADDRESS);
        assertRefused("http://[::1]/x", Reason.FORBIDDEN_ADDRESS);
        assertRefused("http://[::ffff:7f00:1]/x", Reason.FORBIDDEN_ADDRESS);
        assertRefused("http://[0:0:0:0:0:ffff:a9fe:a9fe]/x", Reason.FORBIDDEN_ADDRESS);
    }

    @Test
    void refusesTheIpv4TranslatedForm() {
        assertRefused("http://[::ffff:0:127.0.0.1]/x", Reason.FORBIDDEN_ADDRESS);
        assertRefused("http://[::ffff:0:a9fe:a9fe]/x", Reason.FORBIDDEN_ADDRESS);
        assertRefused("http://[::ffff:0:8.8.8.8]/x", Reason.FORBIDDEN_ADDRESS);
    }

    /** Java reads 0177.0.0.1 as decimal 177.0.0.1 (public); curl and browsers read octal 127.0.0.1. */
    @ParameterizedTest
    @ValueSource(strings = {"0177.0.0.1", "0177.0.0.01", "010.0.0.1", "0x7f.0.0.1", "0x7f000001", "2130706433",
            "127.1", "127.0.1", "1.2.3.4.5", "256.0.0.1", "example.0x10", "a.b.08"})
    void refusesAmbiguousNumericHosts(String host) {
        // java.net.URI already finds no host in some of these (refused as unusable); the rest reach the check.
        assertThatThrownBy(() -> guard.check(URI.create("http://" + host + "/x"))).isInstanceOf(MediaRejectedException.class);
        assertThat(UrlGuard.isAmbiguousNumericHost(host)).as(host).isTrue();
    }

    @Test
    void numericHostsJavaWouldReadDifferentlyAreForbiddenAddresses() {
        assertRefused("http://0177.0.0.1/x", Reason.FORBIDDEN_ADDRESS);
        assertRefused("http://012.0.0.1/x", Reason.FORBIDDEN_ADDRESS); // octal 10.0.0.1, Java: public 12.0.0.1
    }

    @Test
    void plainDottedDecimalAndNamesEndingInLettersStayAllowed() {
        assertThat(UrlGuard.isAmbiguousNumericHost("93.184.216.34")).isFalse();
        assertThat(UrlGuard.isAmbiguousNumericHost("0.0.0.0")).isFalse();
        assertThat(UrlGuard.isAmbiguousNumericHost("cdn.example")).isFalse();
        assertThat(UrlGuard.isAmbiguousNumericHost("123.example")).isFalse();
        assertThat(UrlGuard.isAmbiguousNumericHost("::1")).isFalse();
        assertThatCode(() -> guard.check(URI.create("http://93.184.216.34/a.jpg"))).doesNotThrowAnyException();
    }

    @Test
    void refusesOtherSchemesCredentialsAndUnknownHosts() {
        assertRefused("file:///etc/passwd", Reason.FETCH_FAILED);
        assertRefused("ftp://cdn.example/a.jpg", Reason.FETCH_FAILED);
        assertRefused("http://user:secret@cdn.example/a.jpg", Reason.FETCH_FAILED);
        assertRefused("http://nowhere.example/a.jpg", Reason.FETCH_FAILED);
    }

    @Test
    void allowListByHostNameOrCidr() {
        UrlGuard byHost = new UrlGuard(List.of("127.0.0.1", "[::1]"), List.of(), fakeDns(Map.of()));
        assertThatCode(() -> byHost.check(URI.create("http://127.0.0.1:9000/f.mp4"))).doesNotThrowAnyException();
        assertThatCode(() -> byHost.check(URI.create("http://[::1]:9000/f.mp4"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> byHost.check(URI.create("http://127.0.0.2/f.mp4"))).isInstanceOf(MediaRejectedException.class);

        UrlGuard byCidr = new UrlGuard(List.of(), List.of("10.20.0.0/16", "fd12::/16"),
                fakeDns(Map.of("files.internal", List.of("10.20.3.4"), "other.internal", List.of("10.21.0.1"))));
        assertThatCode(() -> byCidr.check(URI.create("http://files.internal/f.mp4"))).doesNotThrowAnyException();
        assertThatCode(() -> byCidr.check(URI.create("http://[fd12::5]/f.mp4"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> byCidr.check(URI.create("http://other.internal/f.mp4"))).isInstanceOf(MediaRejectedException.class);
    }

    @Test
    void cidrMatchingHonoursPartialPrefixes() {
        UrlGuard.Cidr cidr = UrlGuard.Cidr.parse("172.16.0.0/12");
        assertThat(cidr.contains(ip("172.31.1.1"))).isTrue();
        assertThat(cidr.contains(ip("172.32.1.1"))).isFalse();
        assertThat(cidr.contains(ip("::1"))).isFalse();
        assertThatThrownBy(() -> UrlGuard.Cidr.parse("example.com/8")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UrlGuard.Cidr.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
    }

    private void assertRefused(String url, Reason reason) {
        assertThatThrownBy(() -> guard.check(URI.create(url)))
                .isInstanceOf(MediaRejectedException.class)
                .satisfies(e -> assertThat(((MediaRejectedException) e).reason()).isEqualTo(reason));
    }
}
