package org.wiregate.partner;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.HandlerInterceptor;
import org.wiregate.web.OperatorAuth;

/**
 * Who may use the partner admin API: the operator token ({@code gateway.ops.token}) on every
 * request, reads included, because contracts are confidential; with no token configured the API
 * is closed. A partner key is never an operator credential: one presented here gets 403 and an
 * {@code admin-refused} entry in that partner's audit.
 *
 * <p>An interceptor rather than a call in each handler, so the check comes before Spring binds the
 * request body: a caller without the token learns nothing about what the body should be.
 * {@link PartnerAdminProblems} answers the refusals.
 */
@Component
class PartnerAdminAccess implements HandlerInterceptor {

    /** The request attribute holding the operator's name for the audit, once the token checked out. */
    static final String ACTOR = "org.wiregate.partner.PartnerAdminAccess.actor";

    private final OperatorAuth operators;
    private final PartnerDirectory directory;
    private final PartnerAdmin admin;

    PartnerAdminAccess(OperatorAuth operators, PartnerDirectory directory, PartnerAdmin admin) {
        this.operators = operators;
        this.directory = directory;
        this.admin = admin;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method && method.getBeanType() == PartnerAdminApi.class) {
            request.setAttribute(ACTOR, operator(request));
        }
        return true;
    }

    /**
     * The operator's name for the audit, once the operator token checks out. A request that fails
     * it but carries a valid partner key is refused as such (403), so a partner is told plainly
     * that its key is not for this API.
     */
    private String operator(HttpServletRequest request) {
        try {
            operators.require(request.getHeader("Authorization"), true);
        } catch (ResponseStatusException e) {
            String key = PartnerAuthFilter.presentedKey(request);
            Optional<PartnerAccess> partner = key == null ? Optional.empty() : directory.byKey(key);
            if (partner.isPresent()) {
                admin.recordRefusal(partner.get(), request.getMethod() + " " + request.getRequestURI());
                throw new Problems.ProblemException(
                        HttpStatus.FORBIDDEN,
                        "partner-key-not-allowed",
                        "partner keys cannot administer partners; this API takes the operator token (gateway.ops.token).");
            }
            throw e;
        }
        return OperatorAuth.actor(request.getHeader("X-Operator"));
    }
}
