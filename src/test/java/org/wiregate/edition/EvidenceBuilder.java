package org.wiregate.edition;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.wiregate.article.Language;
import org.wiregate.article.Region;
import org.wiregate.article.Section;

/**
 * Test-data builder for {@link EditionEvidence} when a test is about how evidence is weighed rather
 * than how it is read from an article: an English politics story with no pictures, figures, names,
 * dateline or regions by default, so a test names only the evidence it is about. Names are given as
 * written ("رفح", "Rafah") and folded with the shipped names list.
 */
final class EvidenceBuilder {

    private static final NameFolding FOLDING = new NameFolding(NamesList.load(Path.of("mappings/names")));

    private String articleId = "demo:item";
    private Language language = Language.EN;
    private Instant published = Instant.parse("2026-11-20T09:00:00Z");
    private Set<String> images = Set.of();
    private Set<BigDecimal> numbers = Set.of();
    private Set<String> names = Set.of();
    private Set<String> concepts = Set.of();
    private Set<java.time.LocalDate> dates = Set.of();
    private String dateline;
    private Section section = Section.POLITICS;
    private Set<Region> regions = Set.of();

    private EvidenceBuilder() {}

    static EvidenceBuilder anEvidence() {
        return new EvidenceBuilder();
    }

    EvidenceBuilder id(String articleId) {
        this.articleId = articleId;
        return this;
    }

    EvidenceBuilder language(Language language) {
        this.language = language;
        return this;
    }

    EvidenceBuilder published(Instant published) {
        this.published = published;
        return this;
    }

    EvidenceBuilder images(String... urls) {
        this.images = new LinkedHashSet<>(Arrays.asList(urls));
        return this;
    }

    /** Figures as plain decimals ("45", "3.5"), kept as {@link NumberExtractor} keeps them. */
    EvidenceBuilder figures(String... figures) {
        this.numbers = Arrays.stream(figures)
                .map(f -> new BigDecimal(f).stripTrailingZeros())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        return this;
    }

    /** Names as an article writes them, in any script. */
    EvidenceBuilder mentions(String... names) {
        this.names =
                Arrays.stream(names).map(EvidenceBuilder::key).collect(Collectors.toCollection(LinkedHashSet::new));
        return this;
    }

    /** The dateline place as written. Unlike {@link EditionEvidence#of}, it is not added to the names. */
    EvidenceBuilder dateline(String place) {
        this.dateline = key(place);
        return this;
    }

    /** CLDR codes ("country:LB", "city:Asia/Beirut"), as {@link CldrLexicon} writes them. */
    EvidenceBuilder places(String... codes) {
        this.concepts = new LinkedHashSet<>(Arrays.asList(codes));
        return this;
    }

    EvidenceBuilder dates(java.time.LocalDate... days) {
        this.dates = new LinkedHashSet<>(Arrays.asList(days));
        return this;
    }

    EvidenceBuilder section(Section section) {
        this.section = section;
        return this;
    }

    EvidenceBuilder regions(Region... regions) {
        this.regions = Set.of(regions);
        return this;
    }

    EditionEvidence build() {
        return new EditionEvidence(
                articleId, language, published, images, numbers, names, concepts, dates, dateline, section, regions);
    }

    static String key(String name) {
        String listed = FOLDING.listed(name);
        String key = listed != null ? listed : FOLDING.key(name);
        if (key == null) {
            throw new IllegalArgumentException(name + " is too short to be a name");
        }
        return key;
    }
}
