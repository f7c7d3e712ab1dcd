package org.wiregate.edition;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import org.wiregate.store.EditionRepository;

/** {@code wiregate_editions_suggestions_open}: edition suggestions waiting for an operator (one COUNT per scrape). */
@Component
class EditionGauges {

    EditionGauges(MeterRegistry registry, EditionRepository editions) {
        Gauge.builder("wiregate.editions.suggestions.open", editions, e -> e.countSuggestions("open"))
                .description("Edition link suggestions waiting for an operator's decision")
                .register(registry);
    }
}
