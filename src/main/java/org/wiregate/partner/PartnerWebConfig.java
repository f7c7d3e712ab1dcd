package org.wiregate.partner;

import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Registers the partner filters ahead of the controllers, in order: authenticate, then limit; and
 * for the admin API, the operator check ahead of body binding and the strict reader of its bodies.
 */
@Configuration
class PartnerWebConfig implements WebMvcConfigurer {

    /**
     * Authentication, then the limit, then the feed fast path, all ahead of Spring Security's chain
     * (order -100, which permits these paths anyway) so that a partner's feed poll can be answered
     * without it; after FeedTokenRedaction (+20), which hides feed tokens from logged query strings.
     */
    static final int AUTH_ORDER = Ordered.HIGHEST_PRECEDENCE + 30;
    /** Every path a partner credential opens: the partner API, its first name /api/articles, partner feeds. */
    static final String[] PARTNER_PATHS = {
        "/api/partner/*", "/api/partner", "/api/articles", "/api/articles/*", "/partner/*"
    };

    private final PartnerAdminAccess adminAccess;

    PartnerWebConfig(PartnerAdminAccess adminAccess) {
        this.adminAccess = adminAccess;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(adminAccess).addPathPatterns(PartnerAdminApi.BASE, PartnerAdminApi.BASE + "/**");
    }

    /** First, so the admin request records are read strictly; it reads nothing else. */
    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        converters.add(0, new PartnerAdminRequestReader());
    }

    @Bean
    FilterRegistrationBean<PartnerAuthFilter> partnerAuthFilter(PartnerDirectory directory) {
        FilterRegistrationBean<PartnerAuthFilter> registration =
                new FilterRegistrationBean<>(new PartnerAuthFilter(directory));
        registration.addUrlPatterns(PARTNER_PATHS);
        registration.setOrder(AUTH_ORDER);
        return registration;
    }

    /** Rate limits and usage right after authentication, on the same paths, so every partner answer carries RateLimit-*. */
    @Bean
    FilterRegistrationBean<RateLimitFilter> partnerRateLimitFilter(PartnerRateLimits limits, PartnerUsage usage) {
        FilterRegistrationBean<RateLimitFilter> registration =
                new FilterRegistrationBean<>(new RateLimitFilter(limits, usage));
        registration.addUrlPatterns(PARTNER_PATHS);
        registration.setOrder(AUTH_ORDER + 1);
        return registration;
    }

    /** Partner feeds from the cached bytes, once the key and the limit have passed. */
    @Bean
    FilterRegistrationBean<PartnerFeedFastPath> partnerFeedFastPath(PartnerFeedController feeds) {
        FilterRegistrationBean<PartnerFeedFastPath> registration =
                new FilterRegistrationBean<>(new PartnerFeedFastPath(feeds));
        registration.addUrlPatterns("/partner/feeds/*");
        registration.setOrder(AUTH_ORDER + 2);
        return registration;
    }
}
