package org.wiregate.ingest;

import java.util.Map;
import java.util.Optional;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.wiregate.source.MappingRegistry;
import org.wiregate.source.SourceMapping;
import org.wiregate.source.Transport;

/**
 * Secrets a transport needs (FTP user and password, bearer tokens), looked up by the environment
 * variable names the mapping gives; a mapping file never holds them. Checked once at start: an
 * enabled source whose variable is unset stops the start naming the file and the variable, so a
 * missing secret is not discovered at 3 a.m. as a stream of login failures. Values are read from
 * Spring's environment, which includes the process environment (and test properties).
 */
@Component
public class TransportCredentials {

    private final Environment environment;

    public TransportCredentials(MappingRegistry mappings, Environment environment) {
        this.environment = environment;
        for (SourceMapping mapping : mappings.all()) {
            Transport transport = mapping.transport();
            if (!transport.enabled()) {
                continue;
            }
            for (Map.Entry<String, String> needed :
                    transport.requiredEnvironment().entrySet()) {
                if (lookup(needed.getValue()).isEmpty()) {
                    throw new IllegalStateException(mappings.fileOf(mapping.id()) + ": transport." + needed.getKey()
                            + " names the environment variable " + needed.getValue() + ", which is not set; set it or"
                            + " disable the source with 'enabled: false' under transport");
                }
            }
        }
    }

    /** The value of an environment variable the start-up check found set. */
    public String require(String variable) {
        return lookup(variable)
                .orElseThrow(() -> new IllegalStateException("environment variable " + variable + " is not set"));
    }

    private Optional<String> lookup(String variable) {
        return Optional.ofNullable(environment.getProperty(variable)).filter(v -> !v.isBlank());
    }
}
