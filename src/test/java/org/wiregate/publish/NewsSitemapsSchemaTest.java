package org.wiregate.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.wiregate.support.ArticleBuilder.anArticle;

import java.io.ByteArrayInputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.xml.XMLConstants;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.junit.jupiter.api.Test;
import org.wiregate.article.Article;
import org.wiregate.article.Language;
import org.xml.sax.SAXParseException;

/**
 * The news sitemaps and their index validate against the sitemaps.org 0.9 and Google News 0.9
 * schemas (src/test/resources/schemas, loaded from the classpath: nothing is fetched), in every
 * language, with text that needs escaping; and the schemas do refuse what Google would refuse.
 */
class NewsSitemapsSchemaTest {

    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
    private final PublicUrls urls = new PublicUrls("https://news.example.org");
    private final NewsSitemaps sitemaps = new NewsSitemaps(
            null,
            new FeedTitles("Wiregate News"),
            urls,
            null,
            new FeedMaxAge(Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(300)));

    @Test
    void newsSitemapsOfEveryLanguageValidateAgainstTheSitemapAndNewsSchemas() throws Exception {
        Validator validator = schema("sitemap.xsd", "sitemap-news.xsd").newValidator();
        for (Language language : Language.values()) {
            byte[] sitemap = sitemaps.render(language, articles(language));
            validator.validate(new StreamSource(new ByteArrayInputStream(sitemap)));
            assertThat(new String(sitemap, StandardCharsets.UTF_8)).contains("<news:language>" + language.code());
        }
    }

    @Test
    void theIndexValidatesAgainstTheSitemapIndexSchema() throws Exception {
        byte[] index = Objects.requireNonNull(sitemaps.index().getBody());
        schema("siteindex.xsd").newValidator().validate(new StreamSource(new ByteArrayInputStream(index)));
        assertThat(new String(index, StandardCharsets.UTF_8)).contains("news-ar.xml");
    }

    @Test
    void theSchemasRefuseWhatGoogleRefuses() throws Exception {
        Validator validator = schema("sitemap.xsd", "sitemap-news.xsd").newValidator();
        String good = new String(sitemaps.render(Language.ES, articles(Language.ES)), StandardCharsets.UTF_8);
        for (String broken : List.of(
                good.replaceFirst("<news:publication_date>[^<]*</news:publication_date>", ""),
                good.replaceFirst("<news:language>es</news:language>", "<news:language>Spanish</news:language>"),
                good.replaceFirst("<loc>https://[^<]*</loc>", "<loc>/es/x</loc>"),
                good.replaceFirst("<news:title>", "<news:keywords>x</news:keywords><news:title>"))) {
            assertThatThrownBy(() -> validator.validate(
                            new StreamSource(new ByteArrayInputStream(broken.getBytes(StandardCharsets.UTF_8)))))
                    .isInstanceOf(SAXParseException.class);
        }
    }

    private static List<Article> articles(Language language) {
        List<Article> items = new ArrayList<>();
        String[] headlines = {
            "Talks resume in Cairo & Doha <as> expected",
            "استئناف المحادثات في القاهرة والدوحة",
            "Se reanudan las conversaciones\r\nen El Cairo"
        };
        for (int i = 0; i < headlines.length; i++) {
            items.add(anArticle()
                    .wire("schema", "urn:schema:" + language.code() + ":" + i)
                    .language(language)
                    .headline(headlines[i])
                    .publishedAt(NOW.minusSeconds(60L * i))
                    .slug("item-" + i)
                    .build());
        }
        return items;
    }

    private static Schema schema(String... names) throws Exception {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        Source[] sources = new Source[names.length];
        for (int i = 0; i < names.length; i++) {
            URL url =
                    Objects.requireNonNull(NewsSitemapsSchemaTest.class.getResource("/schemas/" + names[i]), names[i]);
            sources[i] = new StreamSource(url.openStream(), url.toString());
        }
        return factory.newSchema(sources);
    }
}
