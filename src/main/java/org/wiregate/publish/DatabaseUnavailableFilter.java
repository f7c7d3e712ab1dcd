package org.wiregate.publish;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.wiregate.store.StoreFailures;

/**
 * Outermost: a request that needed the database while it was away, and had no rendered page to fall
 * back on ({@link FeedService}), answers 503 with Retry-After, which aggregators and partners' clients
 * read as "come back later", instead of a 500 that reads as a broken gateway. It catches what
 * controllers and filters alike let through (partner key lookups run in a filter); any other failure
 * goes on to Spring's error handling untouched.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class DatabaseUnavailableFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableFilter.class);

    static final String RETRY_AFTER_SECONDS = "30";

    private static final byte[] PROBLEM =
            ("{\"type\":\"about:blank\",\"title\":\"Database unavailable\",\"status\":503,"
                            + "\"detail\":\"The gateway's database is unavailable; try again shortly.\"}")
                    .getBytes(StandardCharsets.UTF_8);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (RuntimeException | ServletException failure) {
            if (!StoreFailures.isTransient(failure) || response.isCommitted()) {
                throw failure;
            }
            log.warn(
                    "{} {}: database unavailable, answered 503: {}",
                    request.getMethod(),
                    request.getRequestURI(),
                    rootMessage(failure));
            response.reset();
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            response.setContentType("application/problem+json");
            FeedFastPath.securityHeaders(response);
            response.setContentLength(PROBLEM.length);
            response.getOutputStream().write(PROBLEM);
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
