package org.wiregate.edition;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.stereotype.Component;
import org.wiregate.store.EditionRepository;

/**
 * {@code wiregate_editions_suggestions_open}: edition suggestions waiting for an operator (one COUNT
 * per scrape); {@code wiregate_editions_window_articles}: the articles held in memory to link
 * arrivals against.
 */
@Component
class EditionGauges {

    EditionGauges(MeterRegistry registry, EditionRepository editions, Clock clock, EditionService linking) {
        Gauge.builder(
                        "wiregate.editions.suggestions.open",
                        editions,
                        e -> e.countOpenSuggestionsVisibleAt(clock.instant()))
                .description("Edition link suggestions waiting for an operator's decision")
                .register(registry);
        Gauge.builder("wiregate.editions.window.articles", linking, EditionService::windowSize)
                .description("Articles held in memory as the edition-linking window (all languages)")
                .register(registry);
    }
}
