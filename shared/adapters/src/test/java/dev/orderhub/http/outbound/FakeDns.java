package dev.orderhub.http.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A resolver with answers set by the test (no real DNS: the test machine has none), which may change between look-ups. */
public final class FakeDns implements HostResolver {
    private final Map<String, List<InetAddress>> answers = new ConcurrentHashMap<>();

    public FakeDns answer(String host, String... addresses) {
        answers.put(host, Arrays.stream(addresses).map(FakeDns::literal).toList());
        return this;
    }

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        List<InetAddress> a = answers.get(host);
        if (a == null) {
            throw new UnknownHostException(host);
        }
        return a;
    }

    /** An address from its literal; byte forms keep IPv4-compatible IPv6 addresses as IPv6. */
    public static InetAddress literal(String a) {
        try {
            return InetAddress.getByName(a);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(a, e);
        }
    }
}
