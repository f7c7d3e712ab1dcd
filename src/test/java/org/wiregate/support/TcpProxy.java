package org.wiregate.support;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on a free loopback port to a fixed target (a database server), for outages without
 * touching the server itself: {@link #cut} closes every open connection and stops listening, so new
 * connections are refused as they are by a restarting server; {@link #restore} listens again on the
 * same port. One thread per direction of each connection; for tests only.
 */
public final class TcpProxy implements AutoCloseable {

    private final InetSocketAddress target;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile ServerSocket server;
    private volatile boolean closed;

    private TcpProxy(InetSocketAddress target, ServerSocket server) {
        this.target = target;
        this.server = server;
        this.port = server.getLocalPort();
        accept(server);
    }

    /** Listens on a free port of 127.0.0.1 and forwards every connection to {@code host:port}. */
    public static TcpProxy to(String host, int port) {
        try {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return new TcpProxy(new InetSocketAddress(host, port), server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /** Connections forwarded since the start, cut ones included: shows the client really goes through the proxy. */
    public int connectionsAccepted() {
        return accepted.get();
    }

    /** Closes every open connection and refuses new ones until {@link #restore}. */
    public synchronized void cut() {
        closeQuietly(server);
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
    }

    /** Accepts connections again, on the same port. */
    public synchronized void restore() {
        if (closed || !server.isClosed()) {
            return;
        }
        try {
            ServerSocket again = new ServerSocket();
            again.setReuseAddress(true);
            again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            server = again;
            accept(again);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + port + " again", e);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        cut();
    }

    private void accept(ServerSocket listening) {
        Thread acceptor = new Thread(
                () -> {
                    while (!listening.isClosed()) {
                        try {
                            Socket client = listening.accept();
                            forward(listening, client);
                        } catch (IOException e) {
                            // closed by cut() or close(): this acceptor ends
                        }
                    }
                },
                "tcp-proxy-accept-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void forward(ServerSocket listening, Socket client) {
        Socket upstream = new Socket();
        try {
            upstream.connect(target, 5_000);
        } catch (IOException e) {
            closeQuietly(client);
            closeQuietly(upstream);
            return;
        }
        open.add(client);
        open.add(upstream);
        if (listening.isClosed()) { // cut() while this one was being connected
            open.remove(client);
            open.remove(upstream);
            closeQuietly(client);
            closeQuietly(upstream);
            return;
        }
        accepted.incrementAndGet();
        pump(client, upstream);
        pump(upstream, client);
    }

    private void pump(Socket from, Socket to) {
        Thread pump = new Thread(
                () -> {
                    byte[] buffer = new byte[16 * 1024];
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        int n;
                        while ((n = in.read(buffer)) >= 0) {
                            out.write(buffer, 0, n);
                            out.flush();
                        }
                    } catch (SocketException e) {
                        // the other side or cut() closed the connection
                    } catch (IOException e) {
                        // same: the connection is over
                    } finally {
                        open.remove(from);
                        open.remove(to);
                        closeQuietly(from);
                        closeQuietly(to);
                    }
                },
                "tcp-proxy-" + from.getPort() + "-" + to.getPort());
        pump.setDaemon(true);
        pump.start();
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
