package org.wiregate.partner;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Hides a feed token from everything downstream that prints the query string: Spring MVC's and
 * Spring Security's DEBUG request lines show {@code ?token=wgf_…} in full otherwise. The token
 * itself stays readable as a request parameter, which is how {@link PartnerAuthFilter} takes it.
 * Runs first among the filters, before Spring Security's chain, on requests and error dispatches.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class FeedTokenRedaction extends OncePerRequestFilter {

    private static final Pattern TOKEN_PARAMETER = Pattern.compile("(^|&)(token=)[^&]*");

    /** An error page dispatch (e.g. after a 404) carries the original query string and is logged too. */
    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String query = request.getQueryString();
        return query == null || !query.contains("token=");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String redacted = redact(request.getQueryString());
        chain.doFilter(
                new HttpServletRequestWrapper(request) {
                    @Override
                    public String getQueryString() {
                        return redacted;
                    }
                },
                response);
    }

    static String redact(String query) {
        return query == null ? null : TOKEN_PARAMETER.matcher(query).replaceAll("$1$2REDACTED");
    }
}
