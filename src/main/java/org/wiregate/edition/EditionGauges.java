package org.wiregate.edition;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.stereotype.Component;
import org.wiregate.store.EditionRepository;

/** {@code wiregate_editions_suggestions_open}: edition suggestions waiting for an operator (one COUNT per scrape). */
@Component
class EditionGauges {

    EditionGauges(MeterRegistry registry, EditionRepository editions, Clock clock) {
        Gauge.builder(
                        "wiregate.editions.suggestions.open",
                        editions,
                        e -> e.countOpenSuggestionsVisibleAt(clock.instant()))
                .description("Edition link suggestions waiting for an operator's decision")
                .register(registry);
    }
}
