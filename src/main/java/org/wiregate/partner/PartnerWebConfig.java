package org.wiregate.partner;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Registers the partner filters ahead of the controllers, in order: authenticate, then limit. */
@Configuration
class PartnerWebConfig {

    /** Authentication runs first among the gateway's own filters (after Spring Security's, which permits these paths). */
    static final int AUTH_ORDER = Ordered.LOWEST_PRECEDENCE - 100;
    /** Every path a partner credential opens: the partner API, its first name /api/articles, partner feeds. */
    static final String[] PARTNER_PATHS = {"/api/partner/*", "/api/partner", "/api/articles", "/api/articles/*", "/partner/*"};

    @Bean
    FilterRegistrationBean<PartnerAuthFilter> partnerAuthFilter(PartnerDirectory directory) {
        FilterRegistrationBean<PartnerAuthFilter> registration = new FilterRegistrationBean<>(new PartnerAuthFilter(directory));
        registration.addUrlPatterns(PARTNER_PATHS);
        registration.setOrder(AUTH_ORDER);
        return registration;
    }

    /** Rate limits and usage right after authentication, on the same paths, so every partner answer carries RateLimit-*. */
    @Bean
    FilterRegistrationBean<RateLimitFilter> partnerRateLimitFilter(PartnerRateLimits limits, PartnerUsage usage) {
        FilterRegistrationBean<RateLimitFilter> registration = new FilterRegistrationBean<>(new RateLimitFilter(limits, usage));
        registration.addUrlPatterns(PARTNER_PATHS);
        registration.setOrder(AUTH_ORDER + 1);
        return registration;
    }
}
