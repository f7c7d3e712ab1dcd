package org.wiregate.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.wiregate.article.Article;

/** Articles as stored JSON documents: what the feed writers render, one read per item. */
final class ArticleDocuments {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .build();

    private ArticleDocuments() {}

    static String write(Article article) {
        try {
            return JSON.writeValueAsString(article);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise article " + article.id(), e);
        }
    }

    static Article read(String document) {
        try {
            return JSON.readValue(document, Article.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored article document is unreadable: " + e.getOriginalMessage(), e);
        }
    }

    /** A hash of what readers see; the revision is left out so a resend of the same copy compares equal. */
    static String contentHash(Article article) {
        return sha256Hex(write(article.withRevision(1)).getBytes(StandardCharsets.UTF_8));
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
