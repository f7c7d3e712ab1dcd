package org.wiregate;

import java.time.Clock;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.wiregate.partner.PartnerCommand;

/** The syndication gateway: agency wire copy in, English, Arabic and Spanish feeds out. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class WiregateApplication {

    /** Serves the gateway; {@code partners <command>} instead administers partners and exits. */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("partners")) {
            System.exit(new PartnerCommand(WiregateApplication.class)
                    .run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        SpringApplication.run(WiregateApplication.class, args);
    }

    /** One clock for "now" (embargoes, receipt times), replaceable in tests. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
