package org.wiregate.web;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may do what over HTTP. Feeds, pages, health and metrics are public; agencies' pushes and the
 * operator JSON APIs carry their own bearer tokens (checked where they are served); the ops page
 * needs an operator login. The login comes from the environment (GATEWAY_OPS_USER /
 * GATEWAY_OPS_PASSWORD); only the demo setup, with no password configured, gets a generated one,
 * printed at start.
 */
@Configuration
class SecurityConfig {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfig.class);

    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.requestMatchers("/ops", "/ops/", "/ops/do/**")
                        .hasRole("OPERATOR")
                        .anyRequest()
                        .permitAll())
                .formLogin(form -> form.defaultSuccessUrl("/ops", false))
                .logout(Customizer.withDefaults())
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
                .headers(headers -> headers.contentTypeOptions(Customizer.withDefaults()));
        return http.build();
    }

    @Bean
    UserDetailsService operators(
            @Value("${gateway.ops.user:operator}") String user,
            @Value("${gateway.ops.password:}") String password,
            @Value("${gateway.demo.enabled:false}") boolean demo) {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
        String effective = password;
        if (effective.isBlank()) {
            if (!demo) {
                log.warn("No gateway.ops.password (GATEWAY_OPS_PASSWORD): the ops page at /ops is closed");
                return users;
            }
            byte[] random = new byte[9];
            new SecureRandom().nextBytes(random);
            effective = HexFormat.of().formatHex(random);
            log.warn(
                    "Demo setup: ops page at /ops with user '{}' and generated password '{}'"
                            + " (set GATEWAY_OPS_PASSWORD for anything but a demo)",
                    user,
                    effective);
        }
        users.createUser(User.withUsername(user)
                .password(encoder.encode(effective))
                .roles("OPERATOR")
                .build());
        return users;
    }
}
