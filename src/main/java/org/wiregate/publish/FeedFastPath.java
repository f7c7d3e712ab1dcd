package org.wiregate.publish;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.wiregate.article.Language;

/**
 * The polling path of aggregators, served before the rest of the web stack: a GET or HEAD of a
 * language's main feed ({@code /feeds/en.rss}, no query) is answered from the rendered bytes by
 * {@link FeedController#serve} itself, with the same headers, validators and counters, but without
 * the MVC dispatch, the security filter chain and the per-request observation around them, which a
 * profile showed cost several times the answer itself. Feeds are public, so nothing is bypassed that
 * guards them; the security headers they would get are set here too. Anything else (pages, slices,
 * unknown names) goes the normal way.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class FeedFastPath extends OncePerRequestFilter {

    private static final Pattern MAIN_FEED = Pattern.compile("/feeds/(en|ar|es)\\.(rss|atom|json)");

    /** Tomcat's request attributes for sendfile (org.apache.catalina.Globals), by name to stay container-neutral. */
    private static final String SENDFILE_SUPPORTED = "org.apache.tomcat.sendfile.support";

    private static final String SENDFILE_FILE = "org.apache.tomcat.sendfile.filename";
    private static final String SENDFILE_START = "org.apache.tomcat.sendfile.start";
    private static final String SENDFILE_END = "org.apache.tomcat.sendfile.end";
    /**
     * Below this one buffered write is cheaper than setting up sendfile: measured with bench/serve.sh,
     * sendfile won for the 45 KB plain feed (0.44x -> 0.59x of nginx) and lost for its 13.5 KB gzip
     * variant (0.59x -> 0.47x).
     */
    private static final int SENDFILE_FROM = 32 * 1024;

    private final FeedController feeds;
    private final FeedBodyFiles bodies;

    FeedFastPath(FeedController feeds, FeedBodyFiles bodies) {
        this.feeds = feeds;
        this.bodies = bodies;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        return !("GET".equals(method) || "HEAD".equals(method))
                || request.getQueryString() != null
                || !MAIN_FEED.matcher(request.getRequestURI()).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Matcher feed = MAIN_FEED.matcher(request.getRequestURI());
        Optional<FeedFormat> format = feed.matches() ? FeedFormat.fromExtension(feed.group(2)) : Optional.empty();
        Optional<Language> language = feed.matches() ? Language.fromTag(feed.group(1)) : Optional.empty();
        if (format.isEmpty() || language.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        Optional<FeedAnswer> answer = feeds.answer(language.get(), format.get(), 1, request);
        if (answer.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        write(answer.get(), "HEAD".equals(request.getMethod()), request, response);
    }

    private void write(FeedAnswer answer, boolean head, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        response.setStatus(answer.status());
        String[] names = answer.headerNames();
        String[] values = answer.headerValues();
        for (int i = 0; i < names.length; i++) {
            response.addHeader(names[i], values[i]);
        }
        securityHeaders(response);
        byte[] body = answer.body();
        if (body == null) {
            return;
        }
        response.setContentLength(body.length);
        if (head) {
            return;
        }
        Path file = body.length >= SENDFILE_FROM && Boolean.TRUE.equals(request.getAttribute(SENDFILE_SUPPORTED))
                ? bodies.fileFor(answer.entity().getHeaders().getETag(), body)
                : null;
        if (file == null) {
            // One buffer the size of the body: written in one piece instead of Tomcat's 8 KB slices.
            response.setBufferSize(body.length);
            response.getOutputStream().write(body);
            return;
        }
        // Tomcat sends the file with sendfile once this filter returns: no copy through the JVM.
        request.setAttribute(SENDFILE_FILE, file.toAbsolutePath().toString());
        request.setAttribute(SENDFILE_START, 0L);
        request.setAttribute(SENDFILE_END, (long) body.length);
    }

    /**
     * Writes an answer straight to the servlet response, as the normal path would send it (with the
     * headers Spring Security adds to every response), for filters that answer before that path.
     */
    public static void writeDirect(ResponseEntity<byte[]> answer, boolean head, HttpServletResponse response)
            throws IOException {
        writeHeaders(answer, response);
        byte[] body = answer.getBody();
        if (body != null) {
            response.setContentLength(body.length);
            if (!head) {
                // One buffer the size of the body: written in one piece instead of Tomcat's 8 KB slices.
                response.setBufferSize(body.length);
                response.getOutputStream().write(body);
            }
        }
    }

    private static void writeHeaders(ResponseEntity<byte[]> answer, HttpServletResponse response) {
        response.setStatus(answer.getStatusCode().value());
        for (Map.Entry<String, List<String>> header : answer.getHeaders().entrySet()) {
            for (String value : header.getValue()) {
                response.addHeader(header.getKey(), value);
            }
        }
        securityHeaders(response);
    }

    /**
     * What Spring Security's header writer adds to every response, for answers given by filters
     * that run before its chain, so both paths look the same.
     */
    public static void securityHeaders(HttpServletResponse response) {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-XSS-Protection", "0");
    }
}
