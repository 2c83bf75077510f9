package dev.orderhub.http.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where outgoing calls may go: public unicast addresses only. A URL's host is judged by what it
 * resolves to, not by how it is spelled, so {@code 127.0.0.1.nip.io}, {@code localhost.} or a
 * name whose DNS answer changes between the save and the send (rebinding) reach nothing inside:
 * {@link #pick} resolves once, checks every address, and the caller connects to the address it
 * returns (no second look-up). Hosts that are not DNS names ({@code 2130706433},
 * {@code 0x7f000001}, {@code 127.1}, IP literals) are refused before any look-up, since resolvers
 * read such numbers in different ways.
 *
 * <p>Local mode and tests reach stand-ins on 127.0.0.1 through one configuration-only allowance,
 * {@value #ALLOW_LOOPBACK}=true (a setting of the configuration that the SAM template never
 * sets): loopback addresses, loopback IP literals, {@code localhost} and plain http to them.
 * Private, link-local and metadata addresses stay refused even then.
 */
public final class OutboundAddresses implements AddressPolicy {
    public static final String ALLOW_LOOPBACK = "ORDERHUB_OUTBOUND_ALLOW_LOOPBACK";
    /** A DNS name of two labels or more whose last label (the top-level domain) is not numeric. */
    private static final Pattern DNS_NAME = Pattern.compile(
            "(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+(?:[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?)");
    /** Names that by definition resolve inside a network (RFC 6761, 6762, 8375; ICANN's .internal). */
    private static final Pattern SPECIAL_USE = Pattern.compile("(?:^|\\.)(?:localhost|local|internal|home\\.arpa)$");
    private static final Pattern DOTTED_QUAD = Pattern.compile("(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?:\\.(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    private final HostResolver resolver;
    private final boolean loopbackAllowed;

    private OutboundAddresses(HostResolver resolver, boolean loopbackAllowed) {
        this.resolver = resolver;
        this.loopbackAllowed = loopbackAllowed;
    }

    /** Public addresses only, whatever the configuration says. */
    public static OutboundAddresses publicOnly(HostResolver resolver) {
        return new OutboundAddresses(resolver, false);
    }

    /** Public addresses and loopback: for tests and local mode only. */
    public static OutboundAddresses withLoopback(HostResolver resolver) {
        return new OutboundAddresses(resolver, true);
    }

    /** The system resolver, with loopback where the configuration sets {@value #ALLOW_LOOPBACK} to true. */
    public static OutboundAddresses fromConfiguration(dev.orderhub.config.HubConfig config) {
        return new OutboundAddresses(HostResolver.SYSTEM, config.outboundLoopbackAllowed());
    }

    @Override
    public boolean loopbackAllowed() {
        return loopbackAllowed;
    }

    /**
     * The one address to connect to for {@code uri}, after checking all its host resolves to.
     *
     * @throws AddressRefused when the scheme, the host's form or any of its addresses is not allowed
     * @throws UnknownHostException when the name does not resolve
     */
    public InetAddress pick(URI uri) throws UnknownHostException {
        String host = AddressPolicy.host(uri);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (host == null || host.isEmpty() || uri.getUserInfo() != null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new AddressRefused();
        }
        List<InetAddress> addresses = addresses(host);
        if (addresses.isEmpty()) {
            throw new UnknownHostException(host);
        }
        for (InetAddress a : addresses) {
            boolean local = loopbackAllowed && a.isLoopbackAddress();
            if (!local && !isPublic(a)) {
                throw new AddressRefused();
            }
            // Plain http only to a local stand-in: anything public is spoken to over TLS.
            if (scheme.equals("http") && !local) {
                throw new AddressRefused();
            }
        }
        return addresses.get(0);
    }

    /**
     * Why a URL to be saved must not be (a webhook's, checked again at every send), or null. A name
     * that does not resolve now is accepted (DNS may be down, the receiver not yet set up): the
     * send refuses it if it then resolves inside.
     */
    @Override
    public String problem(URI uri) {
        try {
            pick(uri);
            return null;
        } catch (AddressRefused e) {
            return "must name a public host: " + AddressPolicy.host(uri) + " is not a DNS name or resolves to an address outbound calls may not reach (loopback, private, link-local, shared, multicast)";
        } catch (UnknownHostException | RuntimeException e) {
            return null;
        }
    }

    private List<InetAddress> addresses(String host) throws UnknownHostException {
        if (host.startsWith("[") || DOTTED_QUAD.matcher(host).matches()) {
            // An IP literal: no look-up; only a local stand-in may be named this way.
            InetAddress a = literal(host);
            if (a == null || !(loopbackAllowed && a.isLoopbackAddress())) {
                throw new AddressRefused();
            }
            return List.of(a);
        }
        if (host.equals("localhost") && loopbackAllowed) {
            return resolver.resolve(host);
        }
        if (!DNS_NAME.matcher(host).matches() || host.length() > 253 || SPECIAL_USE.matcher(host).find()) {
            throw new AddressRefused();
        }
        return resolver.resolve(host);
    }

    private static InetAddress literal(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!h.matches("[0-9a-f:.]+")) {
            return null; // a zone id (fe80::1%eth0) or anything else odd
        }
        try {
            return InetAddress.getByName(h); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /**
     * Whether an address is public unicast. IPv4: everything but 0/8, 10/8, 100.64/10 (carrier
     * NAT), 127/8, 169.254/16 (link-local, cloud metadata), 172.16/12, 192.0.0/24, 192.0.2/24,
     * 192.168/16, 198.18/15, 198.51.100/24, 203.0.113/24, 224/4 (multicast), 240/4 (reserved,
     * broadcast). IPv6: global unicast 2000::/3 only (so no loopback, link-local fe80::/10, unique
     * local fc00::/7 or multicast), and forms that carry an IPv4 address (mapped, compatible,
     * NAT64 64:ff9b::/96, 6to4 2002::/16) are judged by that address; Teredo and documentation
     * prefixes are refused.
     */
    public static boolean isPublic(InetAddress a) {
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            return isPublicV4(b);
        }
        if (!(a instanceof Inet6Address) || b.length != 16) {
            return false;
        }
        boolean zeros80 = true;
        for (int i = 0; i < 10; i++) {
            zeros80 &= b[i] == 0;
        }
        if (zeros80 && ((b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0))) {
            return isPublicV4(new byte[] {b[12], b[13], b[14], b[15]}); // ::ffff:a.b.c.d, ::a.b.c.d
        }
        if ((b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
            return isPublicV4(new byte[] {b[12], b[13], b[14], b[15]}); // 64:ff9b::/96
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            return isPublicV4(new byte[] {b[2], b[3], b[4], b[5]}); // 2002:a.b.c.d::/48
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x00 && (b[3] & 0xff) == 0x00) {
            return false; // Teredo 2001::/32 tunnels to an address it does not show
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
            return false; // documentation 2001:db8::/32
        }
        return (b[0] & 0xe0) == 0x20; // 2000::/3
    }

    private static boolean isPublicV4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        return !(a0 == 0 || a0 == 10 || a0 == 127 || a0 >= 224
                || (a0 == 100 && a1 >= 64 && a1 <= 127)
                || (a0 == 169 && a1 == 254)
                || (a0 == 172 && a1 >= 16 && a1 <= 31)
                || (a0 == 192 && a1 == 168)
                || (a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2))
                || (a0 == 198 && (a1 == 18 || a1 == 19))
                || (a0 == 198 && a1 == 51 && a2 == 100)
                || (a0 == 203 && a1 == 0 && a2 == 113));
    }
}
