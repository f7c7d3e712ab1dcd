package org.wiregate.partner;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;
import org.wiregate.publish.FeedFastPath;

/**
 * Authenticates every partner request ({@code /api/partner/**}, {@code /api/articles/**} and {@code /partner/**}) before
 * anything else runs. The key comes in {@code Authorization: Bearer} or {@code X-Api-Key}; a feed
 * may instead carry {@code ?token=} (a feed token for that one path). Any failure is one and the
 * same 401, so a caller learns nothing about which keys exist.
 */
public class PartnerAuthFilter extends OncePerRequestFilter {

    /** One body for every refusal, so a caller learns nothing from it. */
    private static final byte[] UNAUTHORIZED_BODY = Problems.bytes(Problems.detail(
            HttpStatus.UNAUTHORIZED,
            "unauthorized",
            "A valid partner key is required: send it as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'."));

    private final PartnerDirectory directory;

    public PartnerAuthFilter(PartnerDirectory directory) {
        this.directory = directory;
    }

    /**
     * The path as the handlers will match it: percent-decoded, {@code ;params} removed, {@code //}
     * folded. Comparing the raw URI let {@code /%70artner/feeds/en.rss} past this filter while the
     * controller still served it. (RequestGate's firewall has already refused what cannot be
     * decoded safely: encoded slashes and dots, {@code ..}.)
     */
    static String path(HttpServletRequest request) {
        return PATHS.getPathWithinApplication(request);
    }

    private static final UrlPathHelper PATHS = new UrlPathHelper();

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = path(request);
        return !(path.startsWith("/api/partner/")
                || path.equals("/api/partner")
                || path.startsWith("/partner/")
                || path.equals("/api/articles")
                || path.startsWith("/api/articles/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<PartnerAccess> access = authenticate(request);
        if (access.isEmpty()) {
            unauthorized(response);
            return;
        }
        request.setAttribute(PartnerAccess.ATTRIBUTE, access.get());
        chain.doFilter(request, response);
    }

    private Optional<PartnerAccess> authenticate(HttpServletRequest request) {
        String key = presentedKey(request);
        if (key != null) {
            return directory.byKey(key);
        }
        String path = path(request);
        String token = request.getParameter("token");
        if (token != null && path.startsWith("/partner/feeds/")) {
            return directory.byFeedToken(token, path);
        }
        return Optional.empty();
    }

    /** The key from the headers, or null when neither header is present. */
    static String presentedKey(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).strip();
        }
        String apiKey = request.getHeader("X-Api-Key");
        return apiKey == null ? null : apiKey.strip();
    }

    static void unauthorized(HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        FeedFastPath.securityHeaders(response);
        response.setHeader("WWW-Authenticate", "Bearer realm=\"wiregate-partners\"");
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/problem+json");
        response.getOutputStream().write(UNAUTHORIZED_BODY);
    }
}
