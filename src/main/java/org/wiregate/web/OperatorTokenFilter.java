package org.wiregate.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Turns {@code Authorization: Bearer <gateway.ops.token>} into an authenticated operator inside
 * Spring Security's chain, so the same rules guard the JSON APIs and the actuator whether the
 * operator came with the token or with a login session. Only headers are looked at: the body is
 * never read before the access decision. A wrong token is simply not authenticated (the rule that
 * needs an operator then answers 401).
 *
 * <p>Created by {@link SecurityConfig}, not a bean: as a bean Spring Boot would also register it as
 * a servlet filter outside the security chain.
 */
final class OperatorTokenFilter extends OncePerRequestFilter {

    private final OperatorAuth operators;

    OperatorTokenFilter(OperatorAuth operators) {
        this.operators = operators;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (operators.accepts(request.getHeader("Authorization"))) {
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                    OperatorAuth.actor(request.getHeader("X-Operator")),
                    null,
                    List.of(new SimpleGrantedAuthority("ROLE_" + SecurityConfig.OPERATOR))));
            SecurityContextHolder.setContext(context);
        }
        chain.doFilter(request, response);
    }
}
