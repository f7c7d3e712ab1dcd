package org.wiregate.edition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wiregate.support.ArticleBuilder.anArticle;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.wiregate.article.Article;
import org.wiregate.article.Language;
import org.wiregate.article.Status;
import org.wiregate.store.ArticleStore;
import org.wiregate.store.EditionRepository;
import org.wiregate.support.GatewayTestProperties;
import org.wiregate.support.TestDirectories;

/**
 * An operator's list of edition suggestions never names a story before its embargo lapses, and a
 * killed story drops out of it (issue 13, row 1): the list is read through the same visibility
 * rule as every output.
 */
@SpringBootTest
class EditionSuggestionVisibilityTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        GatewayTestProperties.register(
                registry,
                "edition-visibility",
                TestDirectories.create("edition-visibility").resolve("inbox"));
    }

    @Autowired
    ArticleStore store;

    @Autowired
    EditionRepository editions;

    @Autowired
    EditionDecisions decisions;

    @Test
    void embargoedAndKilledStoriesAreNeverSuggested() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant lapse = now.plus(6, ChronoUnit.HOURS);
        Article english = save(anArticle()
                .wire("vis", "embargoed-en")
                .language(Language.EN)
                .headline("Budget plan leaks ahead of the vote")
                .publishedAt(now.minusSeconds(60))
                .embargoUntil(lapse)
                .build());
        Article spanish = save(anArticle()
                .wire("vis", "plain-es")
                .language(Language.ES)
                .headline("Se filtra el plan de presupuesto")
                .publishedAt(now.minusSeconds(30))
                .build());
        Article arabic = save(anArticle()
                .wire("vis", "plain-ar")
                .language(Language.AR)
                .headline("تسريب خطة الميزانية")
                .agencyVersion("1")
                .publishedAt(now.minusSeconds(20))
                .build());
        editions.suggest(english.id(), spanish.id(), 0.7, now);
        editions.suggest(spanish.id(), arabic.id(), 0.7, now);

        assertThat(decisions.openSuggestions())
                .as("the embargoed English story is named nowhere before its time")
                .noneMatch(s -> s.a().id().equals(english.id().value())
                        || s.b().id().equals(english.id().value()))
                .anyMatch(s -> s.a().id().equals(arabic.id().value())
                        || s.b().id().equals(arabic.id().value()));
        assertThat(editions.openSuggestionsVisibleAt(lapse.plusSeconds(1)))
                .as("once the embargo lapses the pair is there")
                .anyMatch(s -> s.a().equals(english.id()) || s.b().equals(english.id()));

        store.save(
                anArticle()
                        .wire("vis", "plain-ar")
                        .language(Language.AR)
                        .headline("تسريب خطة الميزانية")
                        .agencyVersion("2")
                        .status(Status.CANCELED)
                        .publishedAt(now.minusSeconds(20))
                        .updated(now)
                        .build(),
                null);
        assertThat(decisions.openSuggestions())
                .as("a killed story drops out")
                .noneMatch(s -> s.a().id().equals(arabic.id().value())
                        || s.b().id().equals(arabic.id().value()));
    }

    private Article save(Article article) {
        store.save(article, null);
        return article;
    }
}
