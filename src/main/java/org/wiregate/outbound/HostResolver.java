package org.wiregate.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Turns a host name (or an IP literal) into addresses; the system resolver unless a test injects another. */
@FunctionalInterface
public interface HostResolver {

    /** The JVM's resolver ({@link InetAddress#getAllByName}): IP literals without a lookup, names through DNS. */
    HostResolver SYSTEM = InetAddress::getAllByName;

    InetAddress[] resolve(String host) throws UnknownHostException;
}
