package org.wiregate.publish;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.wiregate.article.Article;
import org.wiregate.article.Image;
import org.wiregate.article.RelatedLink;
import org.wiregate.normalise.TextRepair;
import org.wiregate.normalise.UrlRepair;

/**
 * The writers' last line of defence. Normalise is the gate, but an article stored before it (or
 * by a path that bypasses it) must not take a whole feed down: each item is made safe to write
 * (text without what XML forbids, URLs parsed), and an item that still fails is left out of that
 * output alone. Both are logged at WARN with the article id and counted
 * ({@code wiregate.publish.repairs{output}}, {@code wiregate.publish.skipped{output}}), so a bug
 * is seen rather than hidden.
 */
@Component
class RenderGuard {

    private static final Logger log = LoggerFactory.getLogger(RenderGuard.class);

    private final MeterRegistry registry;

    RenderGuard(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A guard counting in a registry of its own, for writers built without Spring. */
    static RenderGuard detached() {
        return new RenderGuard(new SimpleMeterRegistry());
    }

    /**
     * {@code render} applied to each article made safe; an article it throws on is left out, logged
     * and counted.
     */
    <T> List<T> each(String output, List<Article> articles, Function<Article, T> render) {
        List<T> rendered = new ArrayList<>(articles.size());
        for (Article article : articles) {
            try {
                rendered.add(render.apply(safe(output, article)));
            } catch (RuntimeException e) {
                skipped(output, article, e);
            }
        }
        return rendered;
    }

    void skipped(String output, Article article, Exception e) {
        log.warn(
                "{}: left out article {} ({}:{}), which cannot be rendered",
                output,
                article.id(),
                source(article),
                article.wire().guid(),
                e);
        Counter.builder("wiregate.publish.skipped")
                .description("Articles left out of an output because they could not be rendered, by output")
                .tag("output", output)
                .register(registry)
                .increment();
    }

    /**
     * The article with every text and URL an output writes made safe; the same instance when it
     * needed nothing, which is every article that came through the normaliser's gate.
     *
     * @throws IllegalArgumentException when nothing of the headline is left
     */
    Article safe(String output, Article a) {
        String headline = TextRepair.clean(a.headline());
        String standfirst = TextRepair.clean(a.standfirst());
        String body = TextRepair.cleanHtml(a.bodyHtml(), kind -> {});
        String byline = TextRepair.clean(a.byline());
        String agency = TextRepair.clean(a.agency());
        String credit = TextRepair.clean(a.creditLine());
        String dateline = TextRepair.clean(a.dateline());
        String correction = TextRepair.clean(a.correctionNote());
        List<String> tags = a.tags().stream()
                .map(TextRepair::clean)
                .filter(t -> !t.isBlank())
                .toList();
        List<Image> images = a.images().stream().flatMap(i -> image(i).stream()).toList();
        List<RelatedLink> links = a.relatedLinks().stream()
                .flatMap(l ->
                        UrlRepair.repair(l.url()).map(u -> new RelatedLink(u, TextRepair.clean(l.title()))).stream())
                .toList();
        if (headline == a.headline()
                && standfirst == a.standfirst()
                && body == a.bodyHtml()
                && byline == a.byline()
                && agency == a.agency()
                && credit == a.creditLine()
                && dateline == a.dateline()
                && correction == a.correctionNote()
                && tags.equals(a.tags())
                && images.equals(a.images())
                && links.equals(a.relatedLinks())) {
            return a;
        }
        log.warn(
                "{}: article {} ({}:{}) holds text or a URL no feed can carry (stored before the normaliser's"
                        + " gate?); repaired for rendering",
                output,
                a.id(),
                source(a),
                a.wire().guid());
        Counter.builder("wiregate.publish.repairs")
                .description("Articles the writers had to repair before rendering them, by output")
                .tag("output", output)
                .register(registry)
                .increment();
        return new Article(
                a.id(),
                a.wire(),
                a.revision(),
                a.status(),
                a.language(),
                headline,
                standfirst,
                body,
                byline,
                agency,
                credit,
                dateline,
                a.firstPublished(),
                a.updated(),
                a.section(),
                a.contentType(),
                a.regions(),
                tags,
                images,
                links,
                a.readingTimeMinutes(),
                a.urgency(),
                a.breaking(),
                a.embargoUntil(),
                a.editionGroup(),
                a.slug(),
                correction);
    }

    /** The picture with a usable URL and safe text, or none. */
    private static Optional<Image> image(Image i) {
        return UrlRepair.repair(i.url()).map(url -> {
            Image safe = new Image(
                    url,
                    TextRepair.clean(i.caption()),
                    TextRepair.clean(i.credit()),
                    TextRepair.clean(i.mediaType()),
                    i.width(),
                    i.height());
            return safe.equals(i) ? i : safe;
        });
    }

    private static String source(Article a) {
        return Objects.toString(a.wire().source());
    }
}
