package org.wiregate.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The first filter every request meets, before the feed fast paths and the partner filters (which
 * run ahead of Spring Security's chain and so would not see its firewall):
 *
 * <ol>
 *   <li><b>Firewall.</b> Spring Security's {@link StrictHttpFirewall} (encoded slashes and dots,
 *       {@code ;params}, {@code //}, {@code ..}, control characters): a path it refuses is one and
 *       the same 400 for every caller, before any credential is looked at. What it lets through
 *       (e.g. {@code /%70artner/…}) is matched decoded by the filters behind it.
 *   <li><b>Body cap.</b> Every request body is capped at {@code gateway.http.max-body-size}
 *       (1 MB): a larger Content-Length is 413 before any byte is read; a chunked body that grows
 *       past it fails while being read. Agency pushes ({@code /ingest/**}) keep their own, larger
 *       cap ({@code gateway.ingest.max-payload-size}).
 *   <li><b>Counting.</b> Every answer, refused ones included, is counted by area and status class
 *       once the chain behind returns ({@link ResponseCounts}): the one place every feed answer,
 *       fast path or not, 2xx or 5xx, passes.
 * </ol>
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestGate extends OncePerRequestFilter {

    private static final byte[] REJECTED = "the request path was refused\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TOO_LARGE = "the request body is too large\n".getBytes(StandardCharsets.US_ASCII);

    private final StrictHttpFirewall firewall = new StrictHttpFirewall();
    private final long maxBody;
    private final ResponseCounts counts;

    RequestGate(@Value("${gateway.http.max-body-size:1MB}") DataSize maxBody, ResponseCounts counts) {
        this.maxBody = maxBody.toBytes();
        this.counts = counts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean answered = false;
        try {
            gate(request, response, chain);
            answered = true;
        } finally {
            // An exception out of the chain before anything was sent becomes the container's 500.
            counts.count(request.getRequestURI(), answered || response.isCommitted() ? response.getStatus() : 500);
        }
    }

    private void gate(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            firewall.getFirewalledRequest(request);
        } catch (RequestRejectedException e) {
            refuse(response, HttpServletResponse.SC_BAD_REQUEST, REJECTED);
            return;
        }
        if (request.getRequestURI().startsWith("/ingest/")) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getContentLengthLong() > maxBody) {
            refuse(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, TOO_LARGE);
            return;
        }
        chain.doFilter(new Capped(request, maxBody, response), response);
    }

    private static void refuse(HttpServletResponse response, int status, byte[] body) throws IOException {
        response.setStatus(status);
        response.setHeader("Connection", "close"); // the unread body is not worth draining
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("text/plain;charset=US-ASCII");
        response.getOutputStream().write(body);
    }

    /** A request whose body stream fails (and answers 413) once more than the cap has been read. */
    private static final class Capped extends HttpServletRequestWrapper {

        private final long max;
        private final HttpServletResponse response;
        private ServletInputStream stream;

        Capped(HttpServletRequest request, long max, HttpServletResponse response) {
            super(request);
            this.max = max;
            this.response = response;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CappedStream(super.getInputStream(), max, response);
            }
            return stream;
        }
    }

    private static final class CappedStream extends ServletInputStream {

        private final ServletInputStream in;
        private final long max;
        private final HttpServletResponse response;
        private long read;

        CappedStream(ServletInputStream in, long max, HttpServletResponse response) {
            this.in = in;
            this.max = max;
            this.response = response;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > max) {
                if (!response.isCommitted()) {
                    response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
                }
                throw new IOException("request body larger than " + max + " bytes");
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
