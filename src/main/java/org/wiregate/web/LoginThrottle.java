package org.wiregate.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits ops-page login attempts: after {@link #MAX_FAILURES} failed logins within
 * {@link #WINDOW} for one user name, or from one address, further attempts for it answer 429 with
 * {@code Retry-After} until the oldest failure leaves the window. Counted per user so a password
 * cannot be guessed from many addresses, and per address so one client cannot try many users.
 * Kept in memory: a restart forgets it, which an attacker cannot trigger from outside.
 */
final class LoginThrottle extends OncePerRequestFilter {

    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(15);
    /** Bounds memory when many names or addresses are tried: the oldest entries are then dropped. */
    private static final int MAX_KEYS = 10_000;

    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Duration wait = longestWait(request);
        if (!wait.isZero()) {
            response.setStatus(429);
            response.setHeader("Retry-After", Long.toString(Math.max(1, wait.toSeconds())));
            response.setHeader("Cache-Control", "no-store");
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().write("too many failed logins; try again later\n");
            return;
        }
        chain.doFilter(request, response);
    }

    void failed(HttpServletRequest request) {
        if (failures.size() > MAX_KEYS) {
            failures.clear();
        }
        Instant now = clock.instant();
        for (String key : keys(request)) {
            Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
            synchronized (times) {
                times.addLast(now);
                while (times.size() > MAX_FAILURES) {
                    times.removeFirst();
                }
            }
        }
    }

    void succeeded(HttpServletRequest request) {
        failures.remove(userKey(request));
    }

    private Duration longestWait(HttpServletRequest request) {
        Instant now = clock.instant();
        Duration longest = Duration.ZERO;
        for (String key : keys(request)) {
            Deque<Instant> times = failures.get(key);
            if (times == null) {
                continue;
            }
            synchronized (times) {
                times.removeIf(t -> !t.plus(WINDOW).isAfter(now));
                if (times.size() >= MAX_FAILURES) {
                    Duration wait = Duration.between(now, times.peekFirst().plus(WINDOW));
                    longest = wait.compareTo(longest) > 0 ? wait : longest;
                }
            }
        }
        return longest;
    }

    private static String[] keys(HttpServletRequest request) {
        return new String[] {userKey(request), "address:" + request.getRemoteAddr()};
    }

    private static String userKey(HttpServletRequest request) {
        String user = request.getParameter("username");
        return "user:" + (user == null ? "" : user.strip());
    }
}
