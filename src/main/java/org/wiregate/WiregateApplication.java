package org.wiregate;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The syndication gateway: agency wire copy in, English, Arabic and Spanish feeds out. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class WiregateApplication {

    public static void main(String[] args) {
        SpringApplication.run(WiregateApplication.class, args);
    }

    /** One clock for "now" (embargoes, receipt times), replaceable in tests. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
