package org.wiregate.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.wiregate.article.Article;
import org.wiregate.article.ArticleId;
import org.wiregate.article.Language;
import org.wiregate.article.Slugs;
import org.wiregate.normalise.TextRepair;
import org.wiregate.store.ArticleListings;
import org.wiregate.store.EditionRepository;
import org.wiregate.store.FeedArchiveStore;

/**
 * RFC 5005 archived feeds: one archive document per feed and UTC day. A day closes once it has
 * ended and {@code gateway.feeds.archive.grace} has passed; its items are then copied as they are
 * (with their edition links) and never touched again, and each archive document is kept as first
 * served, so its bytes and ETag never change. Kills and corrections after closing show in the current
 * document (tombstones, revised entries), as RFC 5005 section 4 and RFC 6721 suggest.
 *
 * <p>Every day from a feed's first archived item to the newest closed day has an archive, empty or
 * not, each linking to the day before and the day after: a walker never meets a hole.
 */
@Service
public class FeedArchives {

    private static final Logger log = LoggerFactory.getLogger(FeedArchives.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_KEPT = 512;
    private static final int SIBLING_BATCH = 500;
    /**
     * Days a request closes before answering; a longer backlog (the first start on an existing
     * database, a long stop) is left to the scheduled closing, so no request waits on it.
     */
    private static final int MAX_DAYS_PER_REQUEST = 7;

    private final ArticleListings listings;
    private final FeedArchiveStore store;
    private final EditionRepository editions;
    private final PublicUrls urls;
    private final FeedTitles titles;
    private final RssFeedWriter rss;
    private final AtomFeedWriter atom;
    private final JsonFeedWriter json;
    private final Clock clock;
    private final Duration grace;

    /** The newest closed day per language, once known: days close in order and never reopen. */
    private final Map<Language, LocalDate> closedThrough = new ConcurrentHashMap<>();
    /**
     * The newest closable day this instance has already closed everything through, per language.
     * Items are listed on the day they appear, never on a closable (past) day, so until the next day
     * becomes closable nothing new can be closed: a render asks the database again only then.
     */
    private final Map<Language, Optional<LocalDate>> checked = new ConcurrentHashMap<>();

    private final Map<Language, LocalDate> checkedFor = new ConcurrentHashMap<>();
    /** Feeds (language and slice) found without a first archived day, as of the check of that due day. */
    private final Map<String, LocalDate> noFirstDayAsOf = new ConcurrentHashMap<>();
    /** A feed's first archived day, once it has one: nothing can be archived before it any more. */
    private final Map<String, LocalDate> firstDays = new ConcurrentHashMap<>();
    /** Archive documents served lately; they never change, so nothing evicts them but their number. */
    private final Map<String, RenderedFeed> served = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RenderedFeed> eldest) {
            return size() > MAX_KEPT;
        }
    };

    FeedArchives(
            ArticleListings listings,
            FeedArchiveStore store,
            EditionRepository editions,
            PublicUrls urls,
            FeedTitles titles,
            RssFeedWriter rss,
            AtomFeedWriter atom,
            JsonFeedWriter json,
            Clock clock,
            @Value("${gateway.feeds.archive.grace:15m}") Duration grace) {
        this.listings = listings;
        this.store = store;
        this.editions = editions;
        this.urls = urls;
        this.titles = titles;
        this.rss = rss;
        this.atom = atom;
        this.json = json;
        this.clock = clock;
        this.grace = grace;
    }

    /** The newest day that has closed at {@code now}. */
    LocalDate newestClosable(Instant now) {
        return LocalDate.ofInstant(now.minus(grace), ZoneOffset.UTC).minusDays(1);
    }

    /** When a day's archive closes: its end plus the grace for transactions still committing. */
    Instant closesAt(LocalDate day) {
        return start(day.plusDays(1)).plus(grace);
    }

    /** The next instant a day closes after {@code now}: current documents change their prev-archive then. */
    Instant nextClosing(Instant now) {
        return closesAt(newestClosable(now).plusDays(1));
    }

    @Scheduled(
            fixedDelayString = "${gateway.feeds.archive.close-every:1m}",
            initialDelayString = "${gateway.feeds.archive.close-every:1m}")
    void closeDueDays() {
        Instant now = clock.instant();
        for (Language language : Language.values()) {
            try {
                closeThrough(language, now, Integer.MAX_VALUE);
            } catch (RuntimeException e) {
                log.warn(
                        "Archives of {}: cannot close the days due ({}); retried on the next run",
                        language,
                        e.toString());
            }
        }
    }

    /**
     * Closes every due day of the language not closed yet, oldest first, and returns the newest
     * closed day; empty while nothing of the language has been listed on a closed day.
     */
    Optional<LocalDate> closeThrough(Language language, Instant now) {
        return closeThrough(language, now, MAX_DAYS_PER_REQUEST);
    }

    /** As {@link #closeThrough(Language, Instant)}, closing at most {@code maxDays} days in this call. */
    Optional<LocalDate> closeThrough(Language language, Instant now, int maxDays) {
        LocalDate due = newestClosable(now);
        LocalDate known = closedThrough.get(language);
        if (known != null && !known.isBefore(due)) {
            return Optional.of(known);
        }
        if (due.equals(checkedFor.get(language))) {
            return checked.get(language);
        }
        synchronized (this) {
            Optional<LocalDate> last = store.lastClosedDay(language);
            LocalDate from = last.map(day -> day.plusDays(1))
                    .or(() -> listings.firstListing(language).map(first -> LocalDate.ofInstant(first, ZoneOffset.UTC)))
                    .orElse(null);
            if (from == null) {
                remember(language, due, Optional.empty());
                return Optional.empty();
            }
            int closed = 0;
            LocalDate day = from;
            for (; !day.isAfter(due) && closed < maxDays; day = day.plusDays(1), closed++) {
                close(language, day, now);
            }
            Optional<LocalDate> through = closed == 0 ? last : store.lastClosedDay(language);
            through.ifPresent(newest -> closedThrough.put(language, newest));
            if (day.isAfter(due)) {
                remember(language, due, through);
            }
            return through;
        }
    }

    private void close(Language language, LocalDate day, Instant now) {
        List<ArticleListings.Listed> listed = listings.listedBetween(language, start(day), start(day.plusDays(1)), now);
        Map<ArticleId, List<Article>> siblings = new HashMap<>();
        List<ArticleId> ids = listed.stream().map(l -> l.article().id()).toList();
        for (int i = 0; i < ids.size(); i += SIBLING_BATCH) {
            siblings.putAll(editions.publishedSiblings(ids.subList(i, Math.min(ids.size(), i + SIBLING_BATCH)), now));
        }
        List<FeedArchiveStore.ItemToArchive> items = new ArrayList<>();
        for (ArticleListings.Listed entry : listed) {
            Article article = entry.article();
            items.add(new FeedArchiveStore.ItemToArchive(
                    article, FeedSlice.marks(article), editionsJson(siblings.getOrDefault(article.id(), List.of()))));
        }
        if (store.close(language, day, items, now)) {
            log.info("Archive of {} {} closed with {} item(s)", language.code(), day, items.size());
        }
    }

    /** The current document's prev-archive: the feed's newest closed archive, if it has one. */
    Optional<String> newestArchive(Language language, FeedSlice slice, FeedFormat format, Instant now) {
        Optional<LocalDate> through = closeThrough(language, now);
        Optional<LocalDate> first = firstDay(language, slice);
        if (through.isEmpty() || first.isEmpty() || first.get().isAfter(through.get())) {
            return Optional.empty();
        }
        return Optional.of(url(language, slice, format, through.get()));
    }

    /** Why there is no archive document for a day now, or empty when there is one. */
    Optional<String> absence(Language language, FeedSlice slice, LocalDate day) {
        return absence(language, slice, day, clock.instant());
    }

    /** Why there is no archive document for a day, or empty when there is one. */
    Optional<String> absence(Language language, FeedSlice slice, LocalDate day, Instant now) {
        Optional<LocalDate> through = closeThrough(language, now);
        if (through.isEmpty() || day.isAfter(through.get())) {
            LocalDate due = through.map(d -> d.plusDays(1)).orElse(day);
            return Optional.of("the archive of " + day + " is not closed; "
                    + (day.isAfter(due) ? "days close in order, " : "") + "it closes at "
                    + closesAt(day.isAfter(due) ? day : due));
        }
        Optional<LocalDate> first = firstDay(language, slice);
        if (first.isEmpty() || day.isBefore(first.get())) {
            return Optional.of("this feed's archives start "
                    + first.map(LocalDate::toString).orElse("with its first item's day, once it has closed"));
        }
        return Optional.empty();
    }

    /** A closed day's archive document of a feed; empty when there is none (see {@link #absence}). */
    public Optional<RenderedFeed> archive(Language language, FeedSlice slice, LocalDate day, FeedFormat format) {
        String path = path(language, slice, day, format);
        synchronized (served) {
            RenderedFeed kept = served.get(path);
            if (kept != null) {
                return Optional.of(kept);
            }
        }
        Instant now = clock.instant();
        if (absence(language, slice, day, now).isPresent()) {
            return Optional.empty();
        }
        FeedArchiveStore.ArchiveDocument document = store.document(path).orElseGet(() -> {
            Rendered rendered = render(language, slice, day, format);
            return store.keep(path, rendered.body(), rendered.updated(), now);
        });
        RenderedFeed feed = RenderedFeed.of(document.body(), format, document.updated(), null);
        synchronized (served) {
            served.put(path, feed);
        }
        return Optional.of(feed);
    }

    private record Rendered(byte[] body, Instant updated) {}

    private Rendered render(Language language, FeedSlice slice, LocalDate day, FeedFormat format) {
        String mark = slice.mark();
        List<FeedArchiveStore.ArchivedItem> archived = store.items(language, day).stream()
                .filter(item -> mark == null || item.facets().contains(mark))
                .sorted(Comparator.comparing((FeedArchiveStore.ArchivedItem item) ->
                                item.article().firstPublished())
                        .thenComparing(item -> item.article().id().value())
                        .reversed())
                .toList();
        List<Article> items =
                archived.stream().map(FeedArchiveStore.ArchivedItem::article).toList();
        Map<ArticleId, List<FeedPage.EditionLink>> links = new HashMap<>();
        archived.forEach(item -> links.put(item.article().id(), editionLinks(item.editions())));
        // An empty day is as old as its end: the document's time never depends on when it is asked for.
        Instant updated =
                items.stream().map(Article::updated).max(Instant::compareTo).orElse(start(day.plusDays(1)));
        String label = slice.kind() == FeedSlice.Kind.TAG ? tagName(slice.slug(), items) : slice.label(language);
        LocalDate first = firstDay(language, slice).orElse(day);
        FeedPage page = new FeedPage(
                        language,
                        format,
                        1,
                        label == null ? titles.latest(language) : titles.slice(language, label),
                        label == null ? titles.latestDescription(language) : titles.sliceDescription(language, label),
                        items,
                        updated,
                        url(language, slice, format, day),
                        urls.home(language),
                        urls.feed(language, slice, format, 1),
                        null,
                        null,
                        links,
                        null,
                        null,
                        List.of())
                .withArchive(new FeedPage.Archive(
                        true,
                        urls.feed(language, slice, format, 1),
                        day.isAfter(first) ? url(language, slice, format, day.minusDays(1)) : null,
                        url(language, slice, format, day.plusDays(1))));
        byte[] body = switch (format) {
            case RSS -> rss.write(page);
            case ATOM -> atom.write(page);
            case JSON -> json.write(page);
        };
        return new Rendered(body, updated);
    }

    private void remember(Language language, LocalDate due, Optional<LocalDate> through) {
        checked.put(language, through);
        checkedFor.put(language, due);
    }

    private Optional<LocalDate> firstDay(Language language, FeedSlice slice) {
        String key = language.code() + (slice.mark() == null ? "" : slice.mark());
        LocalDate known = firstDays.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        // A feed's first day is set only when a day closes: "none yet" holds until the next check.
        LocalDate checkedDue = checkedFor.get(language);
        if (checkedDue != null && checkedDue.equals(noFirstDayAsOf.get(key))) {
            return Optional.empty();
        }
        Optional<LocalDate> first = store.firstDayWith(language, slice.mark());
        first.ifPresentOrElse(day -> firstDays.put(key, day), () -> {
            if (checkedDue != null) {
                noFirstDayAsOf.put(key, checkedDue);
            }
        });
        return first;
    }

    /** {@code /feeds/en/archive/2026-12-05.atom}, {@code /feeds/ar/tag/غزة/archive/2026-12-05.rss}. */
    String url(Language language, FeedSlice slice, FeedFormat format, LocalDate day) {
        String feed = urls.feed(language, slice, format, 1);
        String extension = "." + format.extension();
        return feed.substring(0, feed.length() - extension.length()) + "/archive/" + day + extension;
    }

    private static String path(Language language, FeedSlice slice, LocalDate day, FeedFormat format) {
        return language.code()
                + (slice.kind() == FeedSlice.Kind.ALL
                        ? ""
                        : "/" + slice.kind().segment() + (slice.slug() == null ? "" : "/" + slice.slug()))
                + "/" + day + "." + format.extension();
    }

    private static Instant start(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private String editionsJson(List<Article> siblings) {
        Map<Language, FeedPage.EditionLink> perLanguage = new EnumMap<>(Language.class);
        for (Article sibling : siblings) {
            perLanguage.putIfAbsent(
                    sibling.language(),
                    new FeedPage.EditionLink(sibling.language(), sibling.id().urn(), urls.article(sibling)));
        }
        List<Map<String, String>> rows = new ArrayList<>();
        perLanguage.values().forEach(link -> {
            Map<String, String> row = new LinkedHashMap<>();
            row.put("language", link.language().code());
            row.put("id", link.id());
            row.put("url", link.url());
            rows.add(row);
        });
        try {
            return JSON.writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<FeedPage.EditionLink> editionLinks(String stored) {
        try {
            List<Map<String, String>> rows = JSON.readValue(stored, new TypeReference<>() {});
            List<FeedPage.EditionLink> links = new ArrayList<>();
            for (Map<String, String> row : rows) {
                Language.fromTag(row.get("language"))
                        .ifPresent(language ->
                                links.add(new FeedPage.EditionLink(language, row.get("id"), row.get("url"))));
            }
            return links;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("archived edition links are unreadable", e);
        }
    }

    /** A tag as its newest archived article spells it; its key when the day had none. */
    private static String tagName(String key, List<Article> items) {
        for (Article article : items) {
            for (String tag : article.tags()) {
                if (Slugs.of(tag).equals(key)) {
                    return TextRepair.clean(tag); // it titles the whole feed: the writers' item guard cannot reach it
                }
            }
        }
        return key;
    }
}
