package org.wiregate.partner;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.filter.OncePerRequestFilter;
import org.wiregate.publish.FeedFastPath;

/**
 * Runs right after {@link PartnerAuthFilter}: takes a token from the credential's bucket, puts the
 * {@code RateLimit-*} headers on the answer (draft-ietf-httpapi-ratelimit-headers), refuses with
 * 429 and {@code Retry-After} when the bucket is empty, and counts the request, its items and the
 * body bytes actually written into the partner's usage.
 */
public class RateLimitFilter extends OncePerRequestFilter {

    private final PartnerRateLimits limits;
    private final PartnerUsage usage;

    public RateLimitFilter(PartnerRateLimits limits, PartnerUsage usage) {
        this.limits = limits;
        this.usage = usage;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!(request.getAttribute(PartnerAccess.ATTRIBUTE) instanceof PartnerAccess access)) {
            // Not authenticated: PartnerAuthFilter has answered 401 already and nothing reaches here.
            chain.doFilter(request, response);
            return;
        }
        PartnerRateLimits.Decision decision = limits.take(access);
        response.setHeader("RateLimit-Limit", Long.toString(decision.limit()));
        response.setHeader("RateLimit-Remaining", Long.toString(decision.remaining()));
        response.setHeader("RateLimit-Reset", Long.toString(decision.resetSeconds()));
        response.setHeader("RateLimit-Policy", decision.policy().header());
        if (!decision.allowed()) {
            usage.limited(access.partnerId());
            tooManyRequests(response, decision);
            return;
        }
        LocalDate day = usage.today(); // the day the request arrived, whenever its answer completes
        CountingResponse counted = new CountingResponse(response);
        try {
            chain.doFilter(request, counted);
        } finally {
            counted.flushWriter();
            // A HEAD answer's body is dropped by the container, whatever the handler wrote.
            long bytes = "HEAD".equals(request.getMethod()) ? 0 : counted.bytes();
            usage.served(access.partnerId(), day, items(request), bytes);
        }
    }

    private static void tooManyRequests(HttpServletResponse response, PartnerRateLimits.Decision decision)
            throws IOException {
        PartnerRateLimits.Policy policy = decision.policy();
        ResponseEntity<byte[]> problem = Problems.of(
                HttpStatus.TOO_MANY_REQUESTS,
                "rate-limited",
                "This key may make " + policy.perMinute() + " requests per minute, with bursts of up to "
                        + policy.burst()
                        + ". Retry after " + decision.retryAfterSeconds() + " second"
                        + (decision.retryAfterSeconds() == 1 ? "" : "s")
                        + " (Retry-After); RateLimit-Remaining on every answer shows what is left.");
        response.setStatus(problem.getStatusCode().value());
        FeedFastPath.securityHeaders(response);
        for (Map.Entry<String, List<String>> header : problem.getHeaders().entrySet()) {
            for (String value : header.getValue()) {
                response.addHeader(header.getKey(), value);
            }
        }
        response.setHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
        byte[] body = problem.getBody();
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** Set by the controllers (and feeds) under {@link PartnerArticlesApi#ITEMS_ATTRIBUTE}; none is zero items. */
    private static long items(HttpServletRequest request) {
        return request.getAttribute(PartnerArticlesApi.ITEMS_ATTRIBUTE) instanceof Number n
                ? Math.max(0, n.longValue())
                : 0;
    }

    /**
     * Counts the body bytes the application writes, as they go to the container: after any gzip
     * the application did itself (the gateway gzips its own bodies), none for a 304 or a HEAD.
     */
    static final class CountingResponse extends HttpServletResponseWrapper {

        private CountingStream stream;
        private PrintWriter writer;

        CountingResponse(HttpServletResponse response) {
            super(response);
        }

        long bytes() {
            return stream == null ? 0 : stream.count;
        }

        void flushWriter() {
            if (writer != null) {
                writer.flush();
            }
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (writer != null) {
                throw new IllegalStateException("getWriter() has already been called for this response");
            }
            return counting();
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (writer == null) {
                if (stream != null) {
                    throw new IllegalStateException("getOutputStream() has already been called for this response");
                }
                Charset charset;
                try {
                    charset = Charset.forName(getCharacterEncoding());
                } catch (IllegalArgumentException e) {
                    throw new UnsupportedEncodingException(getCharacterEncoding());
                }
                writer = new PrintWriter(new OutputStreamWriter(counting(), charset), false);
            }
            return writer;
        }

        @Override
        public void flushBuffer() throws IOException {
            flushWriter();
            super.flushBuffer();
        }

        @Override
        public void resetBuffer() {
            super.resetBuffer();
            if (stream != null) {
                stream.count = 0; // what was buffered is never sent
            }
        }

        @Override
        public void reset() {
            super.reset();
            if (stream != null) {
                stream.count = 0;
            }
        }

        private CountingStream counting() throws IOException {
            if (stream == null) {
                stream = new CountingStream(super.getOutputStream());
            }
            return stream;
        }
    }

    private static final class CountingStream extends ServletOutputStream {

        private final ServletOutputStream target;
        long count;

        CountingStream(ServletOutputStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) throws IOException {
            target.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            target.write(b, off, len);
            count += len;
        }

        @Override
        public void flush() throws IOException {
            target.flush();
        }

        @Override
        public void close() throws IOException {
            target.close();
        }

        @Override
        public boolean isReady() {
            return target.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            target.setWriteListener(listener);
        }
    }
}
