package org.wiregate.publish;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;

/**
 * The four answers of one rendering of a feed page, built together: plain or gzip, 200 or 304.
 * Which one a request gets is decided by {@link FeedController#acceptsGzip} and
 * {@link FeedController#notModified}, exactly as for an answer built per request.
 */
record FeedAnswers(
        RenderedFeed feed,
        String gzipEtag,
        FeedAnswer plain,
        FeedAnswer gzip,
        FeedAnswer plainNotModified,
        FeedAnswer gzipNotModified) {

    interface Builder {
        FeedAnswer build(boolean gzip, boolean notModified);
    }

    static FeedAnswers of(RenderedFeed feed, Builder answers) {
        return new FeedAnswers(
                feed,
                feed.gzipEtag(),
                answers.build(false, false),
                answers.build(true, false),
                answers.build(false, true),
                answers.build(true, true));
    }

    FeedAnswer pick(HttpServletRequest request) {
        boolean gzip = FeedController.acceptsGzip(request.getHeader(HttpHeaders.ACCEPT_ENCODING));
        String etag = gzip ? gzipEtag : feed.etag();
        boolean notModified = FeedController.notModified(request, feed.etag(), gzipEtag, etag, feed.lastModified());
        if (notModified) {
            return gzip ? gzipNotModified : plainNotModified;
        }
        return gzip ? this.gzip : plain;
    }
}
