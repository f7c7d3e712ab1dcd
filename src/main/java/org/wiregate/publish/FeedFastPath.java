package org.wiregate.publish;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
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

    private final FeedController feeds;

    FeedFastPath(FeedController feeds) {
        this.feeds = feeds;
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
        write(answer.get(), "HEAD".equals(request.getMethod()), response);
    }

    private void write(FeedAnswer answer, boolean head, HttpServletResponse response) throws IOException {
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
        // One buffer the size of the body, handed to the socket in slices of the connection's write
        // buffer (web/ConnectionWriteBuffer): with 64 KB slices this beat sendfile at every size that
        // bench/serve.sh measures, 52 KB to 180 KB.
        response.setBufferSize(body.length);
        response.getOutputStream().write(body);
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
                // One buffer the size of the body, written in slices of the connection's write buffer (64 KB).
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
