package org.wiregate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wiregate.support.ArticleBuilder.anArticle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.wiregate.article.Article;
import org.wiregate.article.ContentType;
import org.wiregate.article.Language;
import org.wiregate.article.Region;
import org.wiregate.article.Section;
import org.wiregate.article.Status;
import org.wiregate.support.ArticleBuilder;

/**
 * What a partner's contract lets it see, in Java ({@link ArticleScope#permits}) and in SQL
 * ({@link ArticleScope#appendTo}) on the gateway's own schema: an in-memory H2 migrated by Flyway
 * with the shipped migrations, rows written by {@link ArticleRepository}, no Spring context.
 */
class ArticleScopeTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    private static final Article EN_POLITICS_AFP = article(
            "afp",
            "en-1",
            Language.EN,
            Section.POLITICS,
            ContentType.NEWS,
            "Leaders meet in Brussels to agree the EU budget",
            Region.EUROPE);
    private static final Article AR_ECONOMY_QNA = article(
            "qna",
            "ar-1",
            Language.AR,
            Section.ECONOMY,
            ContentType.ANALYSIS,
            "ارتفاع أسعار النفط يعيد رسم موازنات دول الخليج",
            Region.MENA,
            Region.AFRICA);
    private static final Article ES_SPORTS_EFE = article(
            "efe",
            "es-1",
            Language.ES,
            Section.SPORTS,
            ContentType.NEWS,
            "El Atlético remonta en el último minuto y sigue líder");
    private static final Article EN_ECONOMY_EFE = article(
            "efe",
            "en-2",
            Language.EN,
            Section.ECONOMY,
            ContentType.OPINION,
            "Why Latin America's lithium boom needs patient capital",
            Region.LATIN_AMERICA);
    private static final Article AR_POLITICS_AFP = article(
            "afp",
            "ar-2",
            Language.AR,
            Section.POLITICS,
            ContentType.NEWS,
            "مجلس الأمن يعقد جلسة طارئة بشأن غزة",
            Region.PALESTINE);
    private static final Article ES_HEALTH_QNA = article(
            "qna",
            "es-2",
            Language.ES,
            Section.HEALTH,
            ContentType.FEATURE,
            "Los hospitales de Madrid refuerzan las urgencias ante la gripe",
            Region.EUROPE);

    private static final List<Article> ALL =
            List.of(EN_POLITICS_AFP, AR_ECONOMY_QNA, ES_SPORTS_EFE, EN_ECONOMY_EFE, AR_POLITICS_AFP, ES_HEALTH_QNA);

    private static JdbcClient jdbc;
    private static ArticleRepository articles;

    @BeforeAll
    static void migratedDatabaseWithOneArticleOfEachKind() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:scope-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        dataSource.setPassword("");
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        jdbc = JdbcClient.create(dataSource);
        articles = new ArticleRepository(jdbc);
        for (Article article : ALL) {
            assertThat(articles.insertIfAbsent(article, ArticleDocuments.contentHash(article), null, NOW))
                    .isTrue();
        }
    }

    // ---------------------------------------------------------------- SQL and Java agree, row by row

    static Stream<Arguments> scopes() {
        return Stream.of(
                Arguments.of("public", ArticleScope.PUBLIC, ALL),
                Arguments.of(
                        "Arabic only",
                        scope(Set.of(Language.AR), null, null, null, null),
                        List.of(AR_ECONOMY_QNA, AR_POLITICS_AFP)),
                Arguments.of("no language", scope(Set.of(), null, null, null, null), List.of()),
                Arguments.of(
                        "politics and economy",
                        scope(null, Set.of(Section.POLITICS, Section.ECONOMY), null, null, null),
                        List.of(EN_POLITICS_AFP, AR_ECONOMY_QNA, EN_ECONOMY_EFE, AR_POLITICS_AFP)),
                Arguments.of("no section", scope(null, Set.of(), null, null, null), List.of()),
                Arguments.of(
                        "news only",
                        scope(null, null, Set.of(ContentType.NEWS), null, null),
                        List.of(EN_POLITICS_AFP, ES_SPORTS_EFE, AR_POLITICS_AFP)),
                Arguments.of("no content type", scope(null, null, Set.of(), null, null), List.of()),
                Arguments.of(
                        "EFE copy",
                        scope(null, null, null, Set.of("efe"), null),
                        List.of(ES_SPORTS_EFE, EN_ECONOMY_EFE)),
                Arguments.of("no source", scope(null, null, null, Set.of(), null), List.of()),
                Arguments.of(
                        "Europe or the Middle East",
                        scope(null, null, null, null, Set.of(Region.EUROPE, Region.MENA)),
                        List.of(EN_POLITICS_AFP, AR_ECONOMY_QNA, ES_HEALTH_QNA)),
                Arguments.of("Africa", scope(null, null, null, null, Set.of(Region.AFRICA)), List.of(AR_ECONOMY_QNA)),
                Arguments.of("no region", scope(null, null, null, null, Set.of()), List.of()),
                Arguments.of(
                        "English and Spanish economy and sport from EFE",
                        scope(
                                Set.of(Language.EN, Language.ES),
                                Set.of(Section.ECONOMY, Section.SPORTS),
                                null,
                                Set.of("efe"),
                                null),
                        List.of(ES_SPORTS_EFE, EN_ECONOMY_EFE)),
                Arguments.of(
                        "Arabic news from AFP about Palestine",
                        scope(
                                Set.of(Language.AR),
                                null,
                                Set.of(ContentType.NEWS),
                                Set.of("afp", "qna"),
                                Set.of(Region.PALESTINE)),
                        List.of(AR_POLITICS_AFP)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scopes")
    void sqlConditionsSelectExactlyTheRowsTheScopeAllows(String name, ArticleScope scope, List<Article> expected) {
        assertThat(selectIds(scope, "a")).as("rows the SQL selects").containsExactlyInAnyOrderElementsOf(ids(expected));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scopes")
    void javaPermitsExactlyTheArticlesTheScopeAllows(String name, ArticleScope scope, List<Article> expected) {
        assertThat(ALL.stream().filter(scope::permits).toList()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void scopeConditionsNarrowTheFeedQuery() {
        ArticleScope arabicEconomy = scope(Set.of(Language.AR), Set.of(Section.ECONOMY), null, null, null);

        assertThat(articles.findPublished(Language.AR, null, null, arabicEconomy, NOW, 50, 0))
                .extracting(Article::id)
                .containsExactly(AR_ECONOMY_QNA.id());
        assertThat(articles.findPublished(Language.AR, null, null, ArticleScope.PUBLIC, NOW, 50, 0))
                .extracting(Article::id)
                .containsExactlyInAnyOrder(AR_ECONOMY_QNA.id(), AR_POLITICS_AFP.id());
    }

    @Test
    void valuesGoInAsParametersInAStableOrderBehindTheTableAlias() {
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();

        scope(
                        Set.of(Language.ES, Language.AR),
                        Set.of(Section.SPORTS),
                        Set.of(ContentType.NEWS),
                        Set.of("qna", "efe"),
                        Set.of(Region.MENA, Region.EUROPE))
                .appendTo(where, params, "b");

        assertThat(where)
                .containsExactly(
                        "b.language IN (?, ?)",
                        "b.section IN (?)",
                        "b.content_type IN (?)",
                        "b.source IN (?, ?)",
                        "EXISTS (SELECT 1 FROM article_region sr WHERE sr.article_id = b.id AND sr.region IN (?, ?))");
        assertThat(params).containsExactly("ar", "es", "sports", "news", "efe", "qna", "europe", "mena");
    }

    @Test
    void publicScopeAddsNoCondition() {
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();

        ArticleScope.PUBLIC.appendTo(where, params, "a");

        assertThat(where).isEmpty();
        assertThat(params).isEmpty();
    }

    // ---------------------------------------------------------------- Java rules

    @Test
    void anArticleWithoutRegionsIsOutsideAnyRegionalContract() {
        assertThat(scope(null, null, null, null, Set.of(Region.values())).permits(ES_SPORTS_EFE))
                .isFalse();
        assertThat(ArticleScope.PUBLIC.permits(ES_SPORTS_EFE)).isTrue();
    }

    @Test
    void embargoedArticleIsShownOnlyToAPreviewingReaderUntilItLapses() {
        Article embargoed = ArticleBuilder.from(EN_POLITICS_AFP)
                .embargoUntil(NOW.plusSeconds(600))
                .build();
        ArticleScope preview = new ArticleScope(null, null, null, null, Set.of("afp"), true);
        ArticleScope standard = new ArticleScope(null, null, null, null, Set.of("afp"), false);

        assertThat(preview.showsAt(embargoed, NOW)).isTrue();
        assertThat(standard.showsAt(embargoed, NOW)).isFalse();
        assertThat(standard.showsAt(embargoed, NOW.plusSeconds(600))).isTrue();
        assertThat(standard.showsAt(EN_POLITICS_AFP, NOW)).isTrue();
    }

    @Test
    void killedOrWithheldArticleIsShownToNobodyEvenInPreview() {
        ArticleScope preview = new ArticleScope(null, null, null, null, null, true);
        for (Status status : List.of(Status.CANCELED, Status.WITHHELD)) {
            Article notUsable =
                    ArticleBuilder.from(EN_POLITICS_AFP).status(status).build();

            assertThat(preview.showsAt(notUsable, NOW))
                    .as("preview of %s", status)
                    .isFalse();
            assertThat(ArticleScope.PUBLIC.showsAt(notUsable, NOW))
                    .as("public view of %s", status)
                    .isFalse();
        }
    }

    @Test
    void anArticleOutsideTheContractIsNotShownEvenWhenPublishable() {
        ArticleScope spanishOnly = new ArticleScope(Set.of(Language.ES), null, null, null, null, true);

        assertThat(spanishOnly.showsAt(EN_POLITICS_AFP, NOW)).isFalse();
        assertThat(spanishOnly.showsAt(ES_SPORTS_EFE, NOW)).isTrue();
    }

    @Test
    void onlyLanguageCutsTheScopeToOneAllowedLanguageAndKeepsTheRest() {
        ArticleScope contract = new ArticleScope(
                Set.of(Language.EN, Language.AR),
                Set.of(Section.ECONOMY),
                Set.of(Region.MENA),
                Set.of(ContentType.ANALYSIS),
                Set.of("qna"),
                true);

        ArticleScope arabic = contract.onlyLanguage(Language.AR);
        assertThat(arabic)
                .isEqualTo(new ArticleScope(
                        Set.of(Language.AR),
                        Set.of(Section.ECONOMY),
                        Set.of(Region.MENA),
                        Set.of(ContentType.ANALYSIS),
                        Set.of("qna"),
                        true));
        assertThat(arabic.permits(AR_ECONOMY_QNA)).isTrue();

        ArticleScope spanish = contract.onlyLanguage(Language.ES);
        assertThat(spanish.languages()).isEmpty();
        assertThat(spanish.allowedLanguages()).isEmpty();
        assertThat(ArticleScope.PUBLIC.onlyLanguage(Language.ES).languages()).containsExactly(Language.ES);
    }

    @Test
    void languageIsAllowedByTheContractsLanguagesOrByAny() {
        ArticleScope english = new ArticleScope(Set.of(Language.EN), null, null, null, null, false);

        assertThat(english.isLanguageAllowed(Language.EN)).isTrue();
        assertThat(english.isLanguageAllowed(Language.AR)).isFalse();
        assertThat(ArticleScope.PUBLIC.isLanguageAllowed(Language.AR)).isTrue();
    }

    @Test
    void allowedLanguagesAreInEnumOrder() {
        assertThat(ArticleScope.PUBLIC.allowedLanguages()).containsExactly(Language.EN, Language.AR, Language.ES);
        assertThat(new ArticleScope(Set.of(Language.ES, Language.EN), null, null, null, null, false).allowedLanguages())
                .containsExactly(Language.EN, Language.ES);
        assertThat(new ArticleScope(Set.of(), null, null, null, null, false).allowedLanguages())
                .isEmpty();
    }

    @Test
    void onlyAScopeThatNarrowsNothingIsPublic() {
        assertThat(ArticleScope.PUBLIC.isPublic()).isTrue();
        assertThat(new ArticleScope(null, null, null, null, null, false).isPublic())
                .isTrue();
        assertThat(new ArticleScope(null, null, null, null, null, true).isPublic())
                .isFalse();
        assertThat(new ArticleScope(null, null, null, null, Set.of("afp"), false).isPublic())
                .isFalse();
        assertThat(new ArticleScope(EnumSet.allOf(Language.class), null, null, null, null, false).isPublic())
                .isFalse();
    }

    @Test
    void fingerprintNamesEveryDimensionSortedSoEqualContractsShareCachedFeeds() {
        assertThat(ArticleScope.PUBLIC.fingerprint()).isEqualTo("l=*;s=*;r=*;t=*;src=*;p=false");

        ArticleScope one = new ArticleScope(
                Set.of(Language.EN, Language.AR),
                Set.of(Section.POLITICS, Section.ECONOMY),
                Set.of(Region.MENA, Region.EUROPE),
                Set.of(ContentType.NEWS),
                Set.of("qna", "afp"),
                true);
        ArticleScope same = new ArticleScope(
                new HashSet<>(List.of(Language.AR, Language.EN)),
                new HashSet<>(List.of(Section.ECONOMY, Section.POLITICS)),
                new HashSet<>(List.of(Region.EUROPE, Region.MENA)),
                Set.of(ContentType.NEWS),
                new HashSet<>(List.of("afp", "qna")),
                true);

        assertThat(one.fingerprint())
                .isEqualTo("l=[ar, en];s=[economy, politics];r=[europe, mena];t=[news];src=[afp, qna];p=true")
                .isEqualTo(same.fingerprint());
        assertThat(new ArticleScope(Set.of(), null, null, null, null, false).fingerprint())
                .isEqualTo("l=[];s=*;r=*;t=*;src=*;p=false");
    }

    @Test
    void scopeKeepsItsOwnCopyOfTheContractsSets() {
        Set<String> sources = new HashSet<>(Set.of("afp"));
        ArticleScope scope = new ArticleScope(null, null, null, null, sources, false);

        sources.add("efe");

        assertThat(scope.permits(EN_ECONOMY_EFE)).isFalse();
    }

    // ---------------------------------------------------------------- helpers

    private static ArticleScope scope(
            Set<Language> languages,
            Set<Section> sections,
            Set<ContentType> types,
            Set<String> sources,
            Set<Region> regions) {
        return new ArticleScope(languages, sections, regions, types, sources, false);
    }

    private static List<String> selectIds(ArticleScope scope, String alias) {
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        scope.appendTo(where, params, alias);
        String sql = "SELECT " + alias + ".id FROM article " + alias
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where));
        return jdbc.sql(sql)
                .params(params)
                .query((rs, n) -> rs.getString(1).trim())
                .list();
    }

    private static List<String> ids(List<Article> articles) {
        return articles.stream().map(a -> a.id().value()).toList();
    }

    private static Article article(
            String source,
            String guid,
            Language language,
            Section section,
            ContentType type,
            String headline,
            Region... regions) {
        return anArticle()
                .wire(source, "urn:scope:" + guid)
                .language(language)
                .section(section)
                .contentType(type)
                .headline(headline)
                .regions(regions)
                .publishedAt(NOW.minusSeconds(3600))
                .build();
    }
}
