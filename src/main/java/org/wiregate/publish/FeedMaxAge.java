package org.wiregate.publish;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.stereotype.Component;

/** {@code Cache-Control: max-age} per kind of feed ({@code gateway.feeds.max-age.*}). */
@Component
public class FeedMaxAge {

    public enum Kind {
        MAIN,
        BREAKING,
        SLICE
    }

    private final Duration main;
    private final Duration breaking;
    private final Duration slices;

    public FeedMaxAge(
            @Value("${gateway.feeds.max-age.main:60s}") Duration main,
            @Value("${gateway.feeds.max-age.breaking:30s}") Duration breaking,
            @Value("${gateway.feeds.max-age.slices:300s}") Duration slices) {
        this.main = main;
        this.breaking = breaking;
        this.slices = slices;
    }

    public CacheControl cacheControl(Kind kind) {
        return CacheControl.maxAge(age(kind)).cachePublic();
    }

    /** The same ages for a reader's own copy only: feeds cut to one partner's contract must not sit in shared caches. */
    public CacheControl privateCacheControl(Kind kind) {
        return CacheControl.maxAge(age(kind)).cachePrivate();
    }

    private Duration age(Kind kind) {
        return switch (kind) {
            case MAIN -> main;
            case BREAKING -> breaking;
            case SLICE -> slices;
        };
    }
}
