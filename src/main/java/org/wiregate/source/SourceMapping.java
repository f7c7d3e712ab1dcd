package org.wiregate.source;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.wiregate.article.ContentType;
import org.wiregate.article.Language;
import org.wiregate.article.Region;
import org.wiregate.article.Section;

/**
 * What one source's copy means, read from {@code mappings/<id>.yaml}: which agency it is, which
 * language it is in (or that items declare it), and how its codes and categories map to our
 * sections, regions and content types. Keys are compared case- and accent-form-insensitively.
 *
 * @param expectedEvery how often copy should arrive at the busiest hour (freshness); null when not declared
 * @param partners      whether partners may receive this source's copy at all, and on which terms
 */
public record SourceMapping(
        String id,
        String name,
        String agency,
        Language language,
        Map<String, String> schemePrefixes,
        Map<String, CategoryRole> categorySchemes,
        Map<String, Section> sections,
        Map<String, Region> regions,
        Map<String, ContentType> contentTypes,
        Section defaultSection,
        ContentType defaultContentType,
        int defaultUrgency,
        int breakingUrgency,
        Transport transport,
        Charset legacyCharset,
        Duration expectedEvery,
        Redistribution partners) {

    /**
     * What the agency contract allows beyond our own sites. Copy is own-site-only unless a mapping
     * says {@code partners: {redistribute: true}}; the usage terms travel with every item a partner gets.
     */
    public record Redistribution(boolean redistribute, String usageTerms) {
        public static final Redistribution OWN_SITE_ONLY = new Redistribution(false, null);
    }

    /** What a category in a given scheme (RSS domain, Atom scheme) carries. */
    public enum CategoryRole {
        SECTION,
        REGION,
        TYPE,
        TAG,
        EDITION_GROUP,
        URGENCY
    }

    public SourceMapping {
        schemePrefixes = Map.copyOf(schemePrefixes);
        categorySchemes = Map.copyOf(categorySchemes);
        sections = Map.copyOf(sections);
        regions = Map.copyOf(regions);
        contentTypes = Map.copyOf(contentTypes);
        transport = transport == null ? Transport.fileDrop() : transport;
        // IPTC 7901 / ANPA copy declares no charset; Latin-1 is what most Latin-script services send.
        legacyCharset = legacyCharset == null ? StandardCharsets.ISO_8859_1 : legacyCharset;
        partners = partners == null ? Redistribution.OWN_SITE_ONLY : partners;
    }

    /** The language fixed for this source, if the mapping fixes one. */
    public Optional<Language> fixedLanguage() {
        return Optional.ofNullable(language);
    }

    /** The lookup key of a code: {@code prefix:code} when the scheme has a prefix, else the code itself. */
    public String keyOf(String scheme, String code) {
        String prefix = scheme == null || scheme.isBlank() ? null : schemePrefixes.get(scheme);
        if (prefix != null) {
            return key(prefix + ":" + code);
        }
        return key(scheme == null || scheme.isBlank() ? code : scheme + code);
    }

    public Optional<CategoryRole> roleOfScheme(String scheme) {
        return scheme == null || scheme.isBlank() ? Optional.empty() : Optional.ofNullable(categorySchemes.get(scheme));
    }

    public static String key(String raw) {
        return Normalizer.normalize(raw.trim(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }
}
