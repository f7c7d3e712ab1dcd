package org.wiregate.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;

/**
 * Who may do what over HTTP (the full table is docs/security.md, checked by AccessMatrixTest).
 *
 * <ul>
 *   <li>Feeds, pages, the WebSub hub, {@code /actuator/health} (status only) and the liveness and
 *       readiness probes are public.
 *   <li>The ops page ({@code /ops}, {@code /ops/do/**}) needs the operator login (form, session).
 *   <li>Every other path under {@code /ops} (the JSON APIs {@code /ops/quarantine/**},
 *       {@code /ops/editions/**}, and any added later) and the rest
 *       of the actuator (metrics, prometheus, health details) need the operator: the bearer token
 *       {@code gateway.ops.token} ({@link OperatorTokenFilter}) or a login session. Without either
 *       they answer 401 before any handler runs, so before any byte of a body is read.
 *   <li>{@code /ops/partners/**} is the partner admin API: its own interceptor checks the same token
 *       before the body is bound (and tells a partner key apart, for the audit).
 *   <li>Partner paths and agency pushes carry their own credentials, checked by their filters.
 * </ul>
 *
 * Redirects are relative ({@code server.tomcat.use-relative-redirects}, {@code favorRelativeUris}),
 * never built from the Host header. The login comes from the environment (GATEWAY_OPS_USER /
 * GATEWAY_OPS_PASSWORD); only the demo setup, with no password configured, gets a generated one,
 * written to a file only its owner can read.
 */
@Configuration
class SecurityConfig {

    static final String OPERATOR = "OPERATOR";

    private static final Logger log = LoggerFactory.getLogger(SecurityConfig.class);

    /** Health answers anyone (status only); these are the orchestrators' probes. */
    static final String[] PUBLIC_HEALTH = {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"
    };

    /** Everything else under /ops (today the quarantine and editions APIs) and the rest of the actuator. */
    static final String[] OPERATOR_APIS = {"/ops/**", "/actuator", "/actuator/**"};

    /** The partner admin API checks the operator token itself, before binding (PartnerAdminAccess). */
    static final String[] PARTNER_ADMIN = {"/ops/partners", "/ops/partners/**"};

    static final String[] OPS_PAGES = {"/ops", "/ops/", "/ops/do/**"};

    /** The interactive API page: Swagger UI (webjar) on /openapi.yaml, public like the description. */
    static final String API_PAGE = "/api-docs.html";

    /**
     * The API page's policy: scripts, styles and calls to this origin only (the webjar and
     * api-docs.js; "Try it out" calls the gateway itself). Swagger UI sets style attributes from its
     * scripts, hence 'unsafe-inline' for styles, never for scripts; its icons are data: images.
     */
    static final String API_PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    @Bean
    SecurityFilterChain security(HttpSecurity http, OperatorAuth operators, Clock clock) throws Exception {
        LoginThrottle throttle = new LoginThrottle(clock);
        RequestMatcher apis = matcher(OPERATOR_APIS);
        LoginUrlAuthenticationEntryPoint login = new LoginUrlAuthenticationEntryPoint("/login");
        login.setFavorRelativeUris(true);
        SimpleUrlAuthenticationFailureHandler failed = new SimpleUrlAuthenticationFailureHandler("/login?error");
        SimpleUrlAuthenticationSuccessHandler signedIn = new SimpleUrlAuthenticationSuccessHandler("/ops");
        signedIn.setAlwaysUseDefaultTargetUrl(true); // never a saved absolute URL built from the Host header
        http.addFilterBefore(new OperatorTokenFilter(operators), UsernamePasswordAuthenticationFilter.class)
                .addFilterBefore(throttle, UsernamePasswordAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests.requestMatchers(PUBLIC_HEALTH)
                        .permitAll()
                        .requestMatchers(OPS_PAGES)
                        .hasRole(OPERATOR)
                        .requestMatchers(PARTNER_ADMIN)
                        .permitAll()
                        .requestMatchers(OPERATOR_APIS)
                        .hasRole(OPERATOR)
                        .anyRequest()
                        .permitAll())
                .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(login, matcher(OPS_PAGES))
                        .defaultAuthenticationEntryPointFor(operatorToken(operators), apis))
                .formLogin(form -> form.successHandler((request, response, authentication) -> {
                            throttle.succeeded(request);
                            signedIn.onAuthenticationSuccess(request, response, authentication);
                        })
                        .failureHandler((request, response, exception) -> {
                            throttle.failed(request);
                            failed.onAuthenticationFailure(request, response, exception);
                        })
                        .permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                // Token-authenticated machine endpoints have no browser session to forge requests from;
                // the WebSub hub is a public machine endpoint that acts on no session.
                .csrf(csrf -> csrf.ignoringRequestMatchers(
                        "/ingest/**",
                        "/ops/quarantine/**",
                        "/ops/editions/**",
                        "/ops/partners/**",
                        "/api/partner/**",
                        "/partner/**",
                        "/websub/hub"))
                .headers(headers -> headers.contentTypeOptions(options -> {})
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                                matcher("/ops", "/ops/**"),
                                new ContentSecurityPolicyHeaderWriter(contentSecurityPolicy())))
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                                matcher(API_PAGE), new ContentSecurityPolicyHeaderWriter(API_PAGE_POLICY))));
        return http.build();
    }

    /**
     * The ops page has no script; its one inline {@code <style>} is allowed by its hash, so any
     * other inline style or script (an injected one) is refused by the browser.
     */
    static String contentSecurityPolicy() {
        return "default-src 'none'; style-src 'self' '" + styleHash() + "'; img-src 'self';"
                + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    }

    /** sha256 of the ops page's inline style, as the browser computes it (the text between the tags). */
    static String styleHash() {
        try (InputStream in = new ClassPathResource("templates/ops.html").getInputStream()) {
            String html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int start = html.indexOf("<style>") + "<style>".length();
            String style = html.substring(start, html.indexOf("</style>", start));
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(style.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (IOException | NoSuchAlgorithmException | StringIndexOutOfBoundsException e) {
            throw new IllegalStateException("cannot read the ops page's style for its Content-Security-Policy", e);
        }
    }

    /** 401 with a short JSON problem: machine clients get no login redirect. */
    private static AuthenticationEntryPoint operatorToken(OperatorAuth operators) {
        return (request, response, exception) -> {
            response.setStatus(HttpStatus.UNAUTHORIZED.value());
            response.setHeader("WWW-Authenticate", "Bearer realm=\"wiregate-operator\"");
            response.setHeader("Cache-Control", "no-store");
            response.setContentType("application/problem+json");
            String detail = operators.configured()
                    ? "the operator token is required: send 'Authorization: Bearer <gateway.ops.token>'"
                    : "operator APIs are closed until gateway.ops.token (GATEWAY_OPS_TOKEN) is set";
            response.getOutputStream()
                    .write(("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"" + detail
                                    + "\"}")
                            .getBytes(StandardCharsets.UTF_8));
        };
    }

    private static RequestMatcher matcher(String... patterns) {
        PathPatternRequestMatcher.Builder builder = PathPatternRequestMatcher.withDefaults();
        return new OrRequestMatcher(Arrays.stream(patterns)
                .map(p -> (RequestMatcher) builder.matcher(p))
                .toList());
    }

    /**
     * The session cookie: SameSite=Strict (the ops page is never entered from another site's link
     * with a session that matters), Secure when the gateway is served over https. The session
     * itself is in the database (Spring Session JDBC), so a login on one instance is valid on all;
     * the cookie keeps the servlet container's name.
     */
    @Bean
    CookieSerializer sessionCookie(@Value("${gateway.public-base-url}") String publicBaseUrl) {
        DefaultCookieSerializer cookie = new DefaultCookieSerializer();
        cookie.setCookieName("JSESSIONID");
        cookie.setUseHttpOnlyCookie(true);
        cookie.setUseSecureCookie(publicBaseUrl.startsWith("https:"));
        cookie.setSameSite("Strict");
        return cookie;
    }

    @Bean
    UserDetailsService operators(
            @Value("${gateway.ops.user:operator}") String user,
            @Value("${gateway.ops.password:}") String password,
            @Value("${gateway.demo.enabled:false}") boolean demo,
            @Value("${gateway.ops.demo-password-file:data/ops-password}") Path demoPasswordFile,
            OperatorAuth operatorToken)
            throws IOException {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
        if (!operatorToken.configured()) {
            log.info("No gateway.ops.token (GATEWAY_OPS_TOKEN): the /ops JSON APIs answer 401 and metrics"
                    + " need the ops page login");
        }
        String effective = password;
        if (effective.isBlank()) {
            if (!demo) {
                log.warn("No gateway.ops.password (GATEWAY_OPS_PASSWORD): the ops page at /ops is closed");
                return users;
            }
            effective = demoPassword(demoPasswordFile);
            // The password itself is never logged: logs are shipped and kept where files are not.
            log.info(
                    "Demo setup: ops page at /ops with user '{}' and the generated password in {}"
                            + " (set GATEWAY_OPS_PASSWORD for anything but a demo)",
                    user,
                    demoPasswordFile.toAbsolutePath());
        }
        users.createUser(User.withUsername(user)
                .password(encoder.encode(effective))
                .roles(OPERATOR)
                .build());
        return users;
    }

    /** The demo's generated password, kept in a file only the owner can read (the same across restarts). */
    private static String demoPassword(Path file) throws IOException {
        if (Files.isRegularFile(file)) {
            String kept = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (kept.length() >= 16) {
                return kept;
            }
        }
        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        String generated = HexFormat.of().formatHex(random);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, generated + "\n", StandardCharsets.UTF_8);
        return generated;
    }
}
