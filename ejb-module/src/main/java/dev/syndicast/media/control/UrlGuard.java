package dev.syndicast.media.control;

import dev.syndicast.media.entity.MediaRejectedException;
import dev.syndicast.media.entity.MediaRejectedException.Reason;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Decides whether the server may fetch a URL, so a caller cannot make it reach its own network (SSRF).
 * The host is resolved and every address it resolves to must be public: loopback, unspecified, link-local
 * (which holds the 169.254.169.254 cloud metadata service), private and unique-local, carrier-grade NAT,
 * multicast, reserved ranges, IPv6 forms that embed such an IPv4 address and the IPv4-translated block
 * {@code ::ffff:0:0:0/96} (never routed on the internet) are refused. A numeric host must be four plain decimal
 * octets: {@code 0177.0.0.1}, {@code 0x7f.1} or {@code 2130706433} are refused because tools disagree on them
 * (Java reads {@code 0177} as decimal 177, curl and browsers as octal 127). The fetcher asks again before every
 * redirect. An operator can allow hosts by name or addresses by CIDR.
 * <p>
 * The check and the connection resolve the name separately; the JVM's DNS cache (30 s by default) makes
 * them see the same answer, which narrows DNS rebinding to a cache expiry falling between the two.
 */
public class UrlGuard {

    /** Name resolution, replaceable in tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final List<String> allowedHosts;
    private final List<Cidr> allowedCidrs;
    private final Resolver resolver;

    public UrlGuard(List<String> allowedHosts, List<String> allowedCidrs, Resolver resolver) {
        this.allowedHosts = allowedHosts.stream().map(UrlGuard::bare).toList();
        this.allowedCidrs = allowedCidrs.stream().map(Cidr::parse).toList();
        this.resolver = resolver;
    }

    public static UrlGuard withSystemResolver(List<String> allowedHosts, List<String> allowedCidrs) {
        return new UrlGuard(allowedHosts, allowedCidrs, InetAddress::getAllByName);
    }

    /**
     * Refuses the URL unless it is http(s) to a host whose every address may be fetched.
     *
     * @throws MediaRejectedException FORBIDDEN_ADDRESS, or FETCH_FAILED when the URL is unusable
     */
    public void check(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new MediaRejectedException(Reason.FETCH_FAILED, "Only http and https URLs can be imported: " + url);
        }
        if (url.getRawUserInfo() != null) {
            throw new MediaRejectedException(Reason.FETCH_FAILED, "URLs with credentials are not imported");
        }
        String host = url.getHost();
        if (host == null || host.isBlank()) {
            throw new MediaRejectedException(Reason.FETCH_FAILED, "The URL has no host: " + url);
        }
        String bareHost = bare(host);
        if (allowedHosts.contains(bareHost)) {
            return;
        }
        if (isAmbiguousNumericHost(bareHost)) {
            throw new MediaRejectedException(Reason.FORBIDDEN_ADDRESS, "Refusing to fetch " + bareHost
                    + ": a numeric host must be four decimal numbers 0-255 without leading zeros");
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(bareHost);
        } catch (UnknownHostException e) {
            throw new MediaRejectedException(Reason.FETCH_FAILED, "Cannot resolve host " + bareHost);
        }
        List<String> refused = new ArrayList<>();
        for (InetAddress address : addresses) {
            if (isForbidden(address) && allowedCidrs.stream().noneMatch(c -> c.contains(address))) {
                refused.add(address.getHostAddress());
            }
        }
        if (!refused.isEmpty() || addresses.length == 0) {
            throw new MediaRejectedException(Reason.FORBIDDEN_ADDRESS,
                    "Refusing to fetch " + bareHost + ": it resolves to a non-public address " + refused);
        }
    }

    /** Whether an address is one the server must never fetch unless allowed by configuration. */
    public static boolean isForbidden(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return isForbiddenIpv4(b);
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xFF;
            if ((first & 0xFE) == 0xFC) {
                return true; // fc00::/7 unique local (fd00:ec2::254 is a metadata address)
            }
            if (first == 0x01 && b[1] == 0 && allZero(b, 2, 8)) {
                return true; // 100::/64 discard
            }
            if (first == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0) {
                return true; // 2001::/32 Teredo tunnels hide the real IPv4 peer
            }
            if (first == 0x20 && b[1] == 0x01 && (b[2] & 0xFF) == 0x0D && (b[3] & 0xFF) == 0xB8) {
                return true; // 2001:db8::/32 documentation
            }
            if (allZero(b, 0, 12)) {
                return isForbiddenIpv4(slice(b, 12)); // ::/96 IPv4-compatible
            }
            if (allZero(b, 0, 10) && (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF) {
                return isForbiddenIpv4(slice(b, 12)); // ::ffff:0:0/96 IPv4-mapped
            }
            if (allZero(b, 0, 8) && (b[8] & 0xFF) == 0xFF && (b[9] & 0xFF) == 0xFF && allZero(b, 10, 12)) {
                return true; // ::ffff:0:0:0/96 IPv4-translated (SIIT): not routed, some stacks reach the IPv4 inside
            }
            if ((b[0] & 0xFF) == 0x00 && (b[1] & 0xFF) == 0x64 && (b[2] & 0xFF) == 0xFF && (b[3] & 0xFF) == 0x9B
                    && allZero(b, 4, 12)) {
                return isForbiddenIpv4(slice(b, 12)); // 64:ff9b::/96 NAT64
            }
            if (first == 0x20 && (b[1] & 0xFF) == 0x02) {
                return isForbiddenIpv4(slice(b, 2)); // 2002::/16 6to4
            }
        }
        return false;
    }

    /**
     * Whether a host reads as an IPv4 number (its last label is a decimal or 0x number, as URL parsers decide)
     * without being the one spelling every tool reads alike: four decimal octets, no leading zeros.
     */
    static boolean isAmbiguousNumericHost(String host) {
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (h.contains(":")) {
            return false; // IPv6 literals are unambiguous
        }
        String[] labels = h.split("\\.", -1);
        if (!NUMBER.matcher(labels[labels.length - 1]).matches()) {
            return false;
        }
        if (labels.length != 4) {
            return true;
        }
        for (String label : labels) {
            if (!OCTET.matcher(label).matches()) {
                return true;
            }
        }
        return false;
    }

    private static final Pattern NUMBER = Pattern.compile("[0-9]+|0[xX][0-9a-fA-F]*");
    private static final Pattern OCTET = Pattern.compile("0|[1-9][0-9]?|1[0-9][0-9]|2[0-4][0-9]|25[0-5]");

    private static boolean isForbiddenIpv4(byte[] b) {
        int a0 = b[0] & 0xFF;
        int a1 = b[1] & 0xFF;
        int a2 = b[2] & 0xFF;
        return a0 == 0                                   // 0.0.0.0/8 "this network"
                || a0 == 10                              // 10/8 private
                || a0 == 127                             // loopback
                || (a0 == 100 && (a1 & 0xC0) == 64)      // 100.64/10 carrier-grade NAT (Alibaba metadata)
                || (a0 == 169 && a1 == 254)              // link-local, cloud metadata
                || (a0 == 172 && (a1 & 0xF0) == 16)      // 172.16/12 private
                || (a0 == 192 && a1 == 0 && a2 == 0)     // 192.0.0/24 protocol assignments (Oracle metadata)
                || (a0 == 192 && a1 == 0 && a2 == 2)     // documentation
                || (a0 == 192 && a1 == 168)              // private
                || (a0 == 198 && (a1 & 0xFE) == 18)      // 198.18/15 benchmarking
                || (a0 == 198 && a1 == 51 && a2 == 100)  // documentation
                || (a0 == 203 && a1 == 0 && a2 == 113)   // documentation
                || a0 >= 224;                            // multicast, reserved, broadcast
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] slice(byte[] b, int from) {
        return new byte[]{b[from], b[from + 1], b[from + 2], b[from + 3]};
    }

    private static String bare(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    /** An address block such as {@code 127.0.0.0/8} or {@code fd00::/8}. */
    record Cidr(byte[] network, int prefix) {

        static Cidr parse(String text) {
            String[] parts = text.strip().split("/", 2);
            byte[] network;
            try {
                // Literal addresses only: getByName does not touch DNS for them.
                if (!parts[0].matches("[0-9a-fA-F:.]+")) {
                    throw new IllegalArgumentException("Not an IP address in CIDR '" + text + "'");
                }
                network = InetAddress.getByName(parts[0]).getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("Not an IP address in CIDR '" + text + "'", e);
            }
            int prefix = parts.length == 2 ? Integer.parseInt(parts[1].strip()) : network.length * 8;
            if (prefix < 0 || prefix > network.length * 8) {
                throw new IllegalArgumentException("Bad prefix length in CIDR '" + text + "'");
            }
            return new Cidr(network, prefix);
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (candidate[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (candidate[full] & mask) == (network[full] & mask);
        }
    }
}
