package dev.orderhub.http.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Turns a host name into the addresses it stands for. Outgoing calls resolve through this, once
 * per attempt, and connect to an address they checked ({@link OutboundAddresses}); tests inject
 * one that answers without DNS.
 */
@FunctionalInterface
public interface HostResolver {
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** The JVM's resolver (the system's DNS, /etc/hosts). */
    HostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));
}
