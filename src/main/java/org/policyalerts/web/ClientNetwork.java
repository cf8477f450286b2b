package org.policyalerts.web;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * The key every per-address limit counts by. An IPv6 client usually holds a whole /64, so that network is one client:
 * otherwise each request could come from a fresh address. An IPv4 address is its own key.
 */
public final class ClientNetwork {

    private ClientNetwork() {
    }

    /** The client's key, from the address Tomcat resolved (behind a trusted proxy, from X-Forwarded-For). */
    public static String of(String remoteAddress) {
        if (remoteAddress.indexOf(':') < 0) {
            return remoteAddress;
        }
        try {
            // A literal with a colon is parsed as IPv6, never looked up in DNS.
            InetAddress parsed = InetAddress.getByName(remoteAddress);
            if (!(parsed instanceof Inet6Address)) {
                return parsed.getHostAddress();
            }
            byte[] network = Arrays.copyOf(parsed.getAddress(), 16);
            Arrays.fill(network, 8, 16, (byte) 0);
            return InetAddress.getByAddress(network).getHostAddress() + "/64";
        } catch (UnknownHostException notAnAddress) {
            return remoteAddress;
        }
    }
}
