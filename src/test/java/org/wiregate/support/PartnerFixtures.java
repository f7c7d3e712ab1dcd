package org.wiregate.support;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.wiregate.article.Article;
import org.wiregate.article.ArticleId;
import org.wiregate.article.ContentType;
import org.wiregate.article.Language;
import org.wiregate.article.Region;
import org.wiregate.article.Section;
import org.wiregate.article.Status;
import org.wiregate.partner.Entitlements;
import org.wiregate.partner.EntitlementsJson;
import org.wiregate.partner.Partner;
import org.wiregate.partner.PartnerKeys;
import org.wiregate.partner.PartnerRepository;

/**
 * Partners and articles for partner tests. Articles are stored straight through ArticleStore, so
 * the tests can set every dimension an entitlement looks at. Sources are the repository's own
 * mappings: afp, efe, qna, demo and standard may go to partners; reuters, ap, sana may not.
 */
public final class PartnerFixtures {

    private PartnerFixtures() {}

    /** Creates a partner with the given entitlements JSON (null for the standard contract) and returns a fresh key. */
    public static String partnerWithKey(
            PartnerRepository partners,
            PartnerKeys keys,
            String id,
            String entitlementsJson,
            int ratePerMinute,
            int burst) {
        partners.insert(new Partner(
                id,
                "Partner " + id,
                entitlementsJson == null ? Entitlements.STANDARD : EntitlementsJson.read(entitlementsJson),
                ratePerMinute,
                burst,
                Instant.parse("2026-11-01T00:00:00Z"),
                null));
        return keys.issueKey(id, "test").token();
    }

    public static String partnerWithKey(
            PartnerRepository partners, PartnerKeys keys, String id, String entitlementsJson) {
        return partnerWithKey(partners, keys, id, entitlementsJson, 100_000, 100_000);
    }

    /** An article builder: every field a partner contract can look at, with plain defaults. */
    public record Story(
            String source,
            String guid,
            String version,
            Language language,
            Section section,
            ContentType type,
            List<Region> regions,
            Instant updated,
            Instant embargo,
            Status status,
            String group,
            String body) {

        public static Story of(String source, String guid, Language language) {
            return new Story(
                    source,
                    guid,
                    "1",
                    language,
                    Section.POLITICS,
                    ContentType.NEWS,
                    List.of(Region.EUROPE),
                    Instant.parse("2026-11-20T10:00:00Z"),
                    null,
                    Status.USABLE,
                    null,
                    "<p>Body of " + guid + ".</p>");
        }

        public Story section(Section value) {
            return new Story(
                    source, guid, version, language, value, type, regions, updated, embargo, status, group, body);
        }

        public Story type(ContentType value) {
            return new Story(
                    source, guid, version, language, section, value, regions, updated, embargo, status, group, body);
        }

        public Story regions(Region... value) {
            return new Story(
                    source,
                    guid,
                    version,
                    language,
                    section,
                    type,
                    List.of(value),
                    updated,
                    embargo,
                    status,
                    group,
                    body);
        }

        public Story embargo(Instant value) {
            return new Story(
                    source, guid, version, language, section, type, regions, updated, value, status, group, body);
        }

        public Story group(String value) {
            return new Story(
                    source, guid, version, language, section, type, regions, updated, embargo, status, value, body);
        }

        /** The next version: a higher agency version, a later time, new body text. */
        public Story nextVersion(String newBody) {
            return new Story(
                    source,
                    guid,
                    Integer.toString(Integer.parseInt(version) + 1),
                    language,
                    section,
                    type,
                    regions,
                    updated.plusSeconds(60),
                    embargo,
                    status,
                    group,
                    newBody);
        }

        public Story killed() {
            return new Story(
                    source,
                    guid,
                    Integer.toString(Integer.parseInt(version) + 1),
                    language,
                    section,
                    type,
                    regions,
                    updated.plusSeconds(60),
                    embargo,
                    Status.CANCELED,
                    group,
                    "");
        }

        public ArticleId id() {
            return ArticleId.of(source, guid);
        }

        public Article article() {
            String agency = source.toUpperCase(Locale.ROOT);
            return ArticleBuilder.anArticle()
                    .wire(source, guid)
                    .agencyVersion(version)
                    .status(status)
                    .language(language)
                    .headline("Headline " + guid)
                    .standfirst("Standfirst of " + guid)
                    .bodyHtml(body)
                    .byline("By Staff")
                    .agency(agency)
                    .creditLine(agency)
                    .dateline(null)
                    .firstPublished(Instant.parse("2026-11-20T09:00:00Z"))
                    .updated(updated)
                    .section(section)
                    .contentType(type)
                    .regions(regions)
                    .urgency(5)
                    .embargoUntil(embargo)
                    .editionGroup(group)
                    .slug(guid)
                    .build();
        }
    }
}
