package org.wiregate.edition;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Edition matching settings ({@code gateway.editions.*}); the defaults are the values measured on
 * the labelled corpus (docs/feeds.md, "Edition links").
 *
 * @param window    how far apart two editions may be published
 * @param linkAt    score from which a match links by itself
 * @param suggestAt score from which a match is suggested to an operator
 * @param margin    lead the best candidate of a language needs over the second to link
 */
@ConfigurationProperties("gateway.editions")
public record EditionProperties(
        @DefaultValue("24h") Duration window,
        @DefaultValue("1.0") double linkAt,
        @DefaultValue("0.6") double suggestAt,
        @DefaultValue("0.2") double margin,
        @DefaultValue Weights weights) {

    /** Evidence weights; see {@link EditionMatcher.Weights}. */
    public record Weights(
            @DefaultValue("0.4") double image,
            @DefaultValue("0.3") double number,
            @DefaultValue("1.2") double numberShare,
            @DefaultValue("0.2") double name,
            @DefaultValue("0.4") double nameCap,
            @DefaultValue("0.1") double dateline,
            @DefaultValue("0.1") double section,
            @DefaultValue("0.3") double region) {}

    EditionLinker linker() {
        return new EditionLinker(
                new EditionMatcher(new EditionMatcher.Weights(
                        weights.image(),
                        weights.number(),
                        weights.numberShare(),
                        weights.name(),
                        weights.nameCap(),
                        weights.dateline(),
                        weights.section(),
                        weights.region())),
                new EditionLinker.Thresholds(window, linkAt, suggestAt, margin));
    }
}
