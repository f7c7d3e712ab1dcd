package org.wiregate.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.Set;

/**
 * The rules of JSON Feed 1.1 (https://jsonfeed.org/version/1.1) that readers rely on. Neither Rome
 * nor Debian's feedparser 6.0.10 reads JSON Feed, so the spec is checked here field by field.
 */
public final class JsonFeedConformance {

    private JsonFeedConformance() {}

    public static void assertConforms(JsonNode feed) {
        assertThat(feed.path("version").asText()).isEqualTo("https://jsonfeed.org/version/1.1");
        assertThat(feed.path("title").isTextual()).as("title is required").isTrue();
        assertAbsolute(feed.path("home_page_url").asText());
        assertAbsolute(feed.path("feed_url").asText());
        if (feed.has("next_url")) {
            assertAbsolute(feed.path("next_url").asText());
        }
        assertThat(feed.path("items").isArray()).as("items is required").isTrue();
        Set<String> ids = new HashSet<>();
        for (JsonNode item : feed.path("items")) {
            assertThat(item.path("id").isTextual())
                    .as("item id must be a string")
                    .isTrue();
            assertThat(ids.add(item.path("id").asText()))
                    .as("item ids are unique")
                    .isTrue();
            assertThat(item.has("content_html") || item.has("content_text"))
                    .as("content_html or content_text")
                    .isTrue();
            assertAbsolute(item.path("url").asText());
            if (item.has("image")) {
                assertAbsolute(item.path("image").asText());
            }
            for (String date : new String[] {"date_published", "date_modified"}) {
                if (item.has(date)) {
                    OffsetDateTime.parse(item.path(date).asText()); // RFC 3339
                }
            }
            item.path("authors")
                    .forEach(a -> assertThat(a.path("name").isTextual()).isTrue());
            item.fieldNames()
                    .forEachRemaining(name -> assertThat(name)
                            .as("custom fields start with _")
                            .matches(
                                    "_.*|id|url|external_url|title|content_html|content_text|summary|image|banner_image"
                                            + "|date_published|date_modified|authors|tags|language|attachments"));
        }
    }

    private static void assertAbsolute(String url) {
        URI uri = URI.create(url);
        assertThat(uri.isAbsolute()).as(url + " is absolute").isTrue();
        assertThat(uri.getScheme()).isIn("http", "https");
    }
}
