package org.wiregate.publish;

import com.rometools.modules.mediarss.MediaEntryModuleImpl;
import com.rometools.modules.mediarss.types.Credit;
import com.rometools.modules.mediarss.types.MediaContent;
import com.rometools.modules.mediarss.types.Metadata;
import com.rometools.modules.mediarss.types.Thumbnail;
import com.rometools.modules.mediarss.types.UrlReference;
import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.jdom2.Document;
import org.jdom2.Namespace;
import org.jdom2.output.Format;
import org.jdom2.output.XMLOutputter;
import org.wiregate.article.Image;

/** What the Rome-based writers share: UTF-8 output and the Media RSS image module. */
final class RomeFeeds {

    private RomeFeeds() {}

    static byte[] output(WireFeed feed) {
        return output(feed, null);
    }

    /**
     * Renders to UTF-8 bytes. {@code xmlLang} goes on the root element: Rome's Atom generator
     * drops {@code Feed.language}, and Atom readers take the language from xml:lang.
     */
    static byte[] output(WireFeed feed, String xmlLang) {
        feed.setEncoding("UTF-8");
        try {
            Document document = new WireFeedOutput().outputJDom(feed);
            if (xmlLang != null) {
                document.getRootElement().setAttribute("lang", xmlLang, Namespace.XML_NAMESPACE);
            }
            return new XMLOutputter(Format.getRawFormat().setEncoding("UTF-8"))
                    .outputString(document)
                    .getBytes(StandardCharsets.UTF_8);
        } catch (FeedException e) {
            throw new IllegalStateException("cannot render " + feed.getFeedType() + " feed", e);
        }
    }

    static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    /** media:content with caption and credit, which Feedly, Inoreader and Miniflux show as the item image. */
    static MediaEntryModuleImpl media(List<Image> images) {
        MediaContent[] contents = images.stream().map(RomeFeeds::content).toArray(MediaContent[]::new);
        MediaEntryModuleImpl module = new MediaEntryModuleImpl();
        module.setMediaContents(contents);
        return module;
    }

    private static MediaContent content(Image image) {
        MediaContent content = new MediaContent(new UrlReference(URI.create(image.url())));
        content.setMedium("image");
        if (image.mediaType() != null) {
            content.setType(image.mediaType());
        }
        if (image.width() > 0 && image.height() > 0) {
            content.setWidth(image.width());
            content.setHeight(image.height());
        }
        Metadata metadata = new Metadata();
        if (image.caption() != null) {
            metadata.setDescription(image.caption());
        }
        if (image.credit() != null) {
            metadata.setCredits(new Credit[] {new Credit(null, null, image.credit())});
        }
        // media:thumbnail: the picture itself, which readers scale; agencies rarely send a separate one.
        Thumbnail thumbnail = new Thumbnail(
                URI.create(image.url()),
                image.width() > 0 ? image.width() : null,
                image.height() > 0 ? image.height() : null,
                null);
        metadata.setThumbnail(new Thumbnail[] {thumbnail});
        content.setMetadata(metadata);
        return content;
    }
}
