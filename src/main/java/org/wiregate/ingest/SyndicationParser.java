package org.wiregate.ingest;

import com.rometools.modules.mediarss.MediaEntryModule;
import com.rometools.modules.mediarss.MediaModule;
import com.rometools.modules.mediarss.types.MediaContent;
import com.rometools.modules.mediarss.types.Metadata;
import com.rometools.modules.mediarss.types.UrlReference;
import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEnclosure;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.wiregate.article.Image;
import org.wiregate.article.RelatedLink;

/**
 * RSS 0.9x/1.0/2.0 and Atom 1.0 through Rome. The document is first held to the limits every XML
 * format shares ({@link HardenedXml#scan}: depth, elements, attributes, characters, no DOCTYPE, so
 * no XXE and no entity expansion) by a streaming pass, so Rome never builds a hostile tree. Bytes
 * are decoded by Rome's {@link XmlReader} (BOM, XML prolog, then UTF-8), never by the platform
 * charset, an encoding named by an alias ({@code utf8}) read as the charset it names. Dates Rome's
 * own masks miss ({@code +03:00} in RFC 822, {@code +0300} in ISO 8601) are read through the extra
 * masks in {@code rome.properties}.
 */
final class SyndicationParser implements WireParser {

    private static final Set<String> PUBLISHED = Set.of("published", "pubDate", "date", "issued");
    private static final Set<String> UPDATED = Set.of("updated", "modified");

    /** The first element is an Atom {@code feed} (with or without a prefix), not an RSS {@code rss} or {@code rdf:RDF}. */
    private static final Pattern ATOM_ROOT =
            Pattern.compile("^(?:[^<]|<[?!][^>]*>)*<(?:[A-Za-z_][\\w.-]*:)?feed[\\s>/]");

    @Override
    public ParsedPayload parse(byte[] payload) {
        payload = XmlEncodings.canonical(payload);
        String text;
        try (XmlReader reader = new XmlReader(new ByteArrayInputStream(payload), false, "UTF-8")) {
            // Mis-encoded bytes are refused first, with the encoding named, before the limits are checked.
            text = decodeStrictly(payload, reader.getEncoding());
        } catch (IOException e) {
            throw new WireFormatException("undecodable RSS/Atom bytes: " + e.getMessage(), e);
        }
        HardenedXml.scan(payload, what(payload), HardenedXml.Doctype.REFUSED);
        SyndFeed feed;
        try {
            SyndFeedInput input = new SyndFeedInput();
            input.setAllowDoctypes(false);
            feed = input.build(new StringReader(text));
        } catch (FeedException | IllegalArgumentException e) {
            throw new WireFormatException("unreadable RSS/Atom: " + e.getMessage(), e);
        }
        WireFormat format =
                feed.getFeedType() != null && feed.getFeedType().startsWith("atom") ? WireFormat.ATOM : WireFormat.RSS;
        String feedLanguage = WireText.firstNonBlank(feed.getLanguage(), rootXmlLang(payload));
        List<SyndEntry> entries = feed.getEntries();
        List<EntryTimes> times = entryTimes(payload);
        List<WireItem> items = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            EntryTimes written = times.size() == entries.size() ? times.get(i) : EntryTimes.NONE;
            items.add(toItem(format, feedLanguage, entries.get(i), written));
        }
        return new ParsedPayload(format, items);
    }

    private static WireItem toItem(WireFormat format, String language, SyndEntry entry, EntryTimes written) {
        String description =
                entry.getDescription() == null ? null : entry.getDescription().getValue();
        String content = entry.getContents().stream()
                .map(SyndContent::getValue)
                .filter(v -> v != null && !v.isBlank())
                .findFirst()
                .orElse(null);
        Instant published = written.published(instant(entry.getPublishedDate()));
        Instant updated = written.updated(instant(entry.getUpdatedDate()));

        List<WireCode> codes = new ArrayList<>();
        for (SyndCategory category : entry.getCategories()) {
            codes.add(new WireCode(
                    WireCode.Kind.CATEGORY, category.getTaxonomyUri(), category.getName(), category.getName()));
        }

        List<RelatedLink> related = new ArrayList<>();
        for (SyndLink link : entry.getLinks()) {
            if ("related".equals(link.getRel()) && WireText.isAbsoluteHttp(link.getHref())) {
                related.add(new RelatedLink(link.getHref(), link.getTitle()));
            }
        }

        String guid = WireText.firstNonBlank(entry.getUri(), entry.getLink());
        return new WireItem(
                format,
                guid,
                null,
                published != null ? published : updated,
                updated != null ? updated : published,
                null,
                null,
                language,
                entry.getTitle() == null ? null : WireText.plainText(entry.getTitle()),
                WireText.plainText(description),
                content != null ? content : description,
                byline(entry),
                null,
                null,
                entry.getLink(),
                null,
                Map.of(),
                codes,
                List.of(),
                images(entry),
                related);
    }

    private static String byline(SyndEntry entry) {
        String names = entry.getAuthors().stream()
                .map(SyndPerson::getName)
                .filter(n -> n != null && !n.isBlank())
                .collect(Collectors.joining(", "));
        return WireText.firstNonBlank(names, entry.getAuthor());
    }

    /** Media RSS content (with caption and credit) first, then image enclosures. */
    private static List<Image> images(SyndEntry entry) {
        List<Image> images = new ArrayList<>();
        if (entry.getModule(MediaModule.URI) instanceof MediaEntryModule media) {
            for (MediaContent content : media.getMediaContents()) {
                if (!(content.getReference() instanceof UrlReference url)
                        || !WireText.isAbsoluteHttp(url.toString())
                        || (content.getMedium() != null && !"image".equals(content.getMedium()))) {
                    continue;
                }
                Metadata meta = content.getMetadata();
                String caption = meta == null ? null : meta.getDescription();
                String credit = meta == null || meta.getCredits().length == 0 ? null : meta.getCredits()[0].getName();
                images.add(new Image(
                        url.toString(),
                        caption,
                        credit,
                        content.getType(),
                        content.getWidth() == null ? 0 : content.getWidth(),
                        content.getHeight() == null ? 0 : content.getHeight()));
            }
        }
        for (SyndEnclosure enclosure : entry.getEnclosures()) {
            if (enclosure.getType() != null
                    && enclosure.getType().startsWith("image/")
                    && WireText.isAbsoluteHttp(enclosure.getUrl())
                    && images.stream().noneMatch(i -> i.url().equals(enclosure.getUrl()))) {
                images.add(new Image(enclosure.getUrl(), null, null, enclosure.getType(), 0, 0));
            }
        }
        return images;
    }

    /**
     * Decodes with the encoding the document declares (or its BOM, or UTF-8), refusing bytes that
     * are not valid in it: a mis-encoded feed is quarantined, not published as mojibake.
     */
    private static String decodeStrictly(byte[] payload, String encoding) {
        Charset charset;
        try {
            charset = Charset.forName(encoding);
        } catch (IllegalArgumentException e) {
            throw new WireFormatException("declares an unknown encoding \"" + encoding + "\"");
        }
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.wrap(payload);
        try {
            String text = decoder.decode(bytes).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new WireFormatException(
                    "bytes are not valid " + charset.name() + " (declared or detected encoding): "
                            + e.getClass().getSimpleName() + " near byte " + bytes.position(),
                    e);
        }
    }

    /** "Atom" or "RSS" for messages, by the first bytes: the limits are checked before anything is parsed. */
    static String what(byte[] payload) {
        String head = new String(payload, 0, Math.min(payload.length, 4096), StandardCharsets.ISO_8859_1);
        return ATOM_ROOT.matcher(head).find() ? "Atom" : "RSS";
    }

    /** Atom declares its language as xml:lang on the root, which Rome does not surface on SyndFeed. */
    private static String rootXmlLang(byte[] payload) {
        try {
            XMLStreamReader reader =
                    HardenedXml.streamFactory().createXMLStreamReader(new ByteArrayInputStream(payload));
            try {
                while (reader.hasNext()) {
                    if (reader.next() == XMLStreamConstants.START_ELEMENT) {
                        return reader.getAttributeValue(XMLConstants.XML_NS_URI, "lang");
                    }
                }
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            return null; // Rome already read the document; a missing language is handled by the mapping
        }
        return null;
    }

    /**
     * The publication and update times of an entry as written (Atom {@code published} and
     * {@code updated}; RSS {@code pubDate} or {@code dc:date}, and {@code dcterms:modified}). An
     * ISO 8601 time is read by {@link WireTimes} rather than Rome, whose masks take fractional
     * seconds for milliseconds ({@code 09:30:00.5} is 5 ms to it); RFC 822 stays Rome's.
     */
    record EntryTimes(String published, String updated) {

        static final EntryTimes NONE = new EntryTimes(null, null);

        Instant published(Instant byRome) {
            Instant iso = WireTimes.parseIsoIfShaped(published);
            return iso != null ? iso : byRome;
        }

        Instant updated(Instant byRome) {
            Instant iso = WireTimes.parseIsoIfShaped(updated);
            return iso != null ? iso : byRome;
        }
    }

    /** The times each item or entry was written with, in document order (Rome keeps that order). */
    static List<EntryTimes> entryTimes(byte[] payload) {
        List<EntryTimes> times = new ArrayList<>();
        try {
            XMLStreamReader reader =
                    HardenedXml.streamFactory().createXMLStreamReader(new ByteArrayInputStream(payload));
            try {
                String published = null;
                String updated = null;
                while (reader.hasNext()) {
                    int event = reader.next();
                    if (event == XMLStreamConstants.START_ELEMENT) {
                        String name = reader.getLocalName();
                        if (name.equals("item") || name.equals("entry")) {
                            published = null; // the channel's or feed's own dates are not the entry's
                            updated = null;
                        } else if (name.equals("source")) {
                            skip(reader); // an Atom source has the dates of the feed it came from
                        } else if (published == null && PUBLISHED.contains(name)) {
                            published = reader.getElementText();
                        } else if (updated == null && UPDATED.contains(name)) {
                            updated = reader.getElementText();
                        }
                    } else if (event == XMLStreamConstants.END_ELEMENT
                            && (reader.getLocalName().equals("item")
                                    || reader.getLocalName().equals("entry"))) {
                        times.add(new EntryTimes(published, updated));
                    }
                }
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            return List.of(); // Rome read the document; its own dates stand
        }
        return times;
    }

    /** Reads past the element the reader is at the start of, children and all. */
    private static void skip(XMLStreamReader reader) throws XMLStreamException {
        for (int depth = 1; depth > 0; ) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
