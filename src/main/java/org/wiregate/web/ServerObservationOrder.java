package org.wiregate.web;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * Moves Spring Boot's {@code http.server.requests} observation filter (order
 * {@code HIGHEST_PRECEDENCE + 1}, level with the public feed fast path and so, as registered, ahead
 * of it) behind the fast paths: the public one ({@code +1}) and the partner filters ({@code +30} to
 * {@code +32}). A poll answered from cached bytes is then not observed: in a profile of
 * {@code bench/serve.sh} the observation (a context, tags, a timer and a long task per request) cost
 * about a fifth of the gateway's time on the 304 path. Those answers are still counted, by
 * {@link RequestGate} ({@code wiregate_http_responses_total{area}}) and by the feed counters; every
 * other request is observed as before, still ahead of Spring Security's chain (order -100).
 */
@Configuration
class ServerObservationOrder {

    /** After the partner feed fast path (HIGHEST_PRECEDENCE + 32), before Spring Session's filter (+ 50). */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 40;

    @Bean
    static BeanPostProcessor serverObservationAfterFastPaths() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) {
                if (bean instanceof FilterRegistrationBean<?> registration
                        && registration.getFilter() instanceof ServerHttpObservationFilter) {
                    registration.setOrder(ORDER);
                }
                return bean;
            }
        };
    }
}
