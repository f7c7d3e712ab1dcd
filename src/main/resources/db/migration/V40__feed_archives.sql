-- RFC 5005 archived feeds. One schema for H2 (PostgreSQL mode) and PostgreSQL.

-- When each article first became publicly visible (stored usable, embargo lapsed): the instant that
-- puts it in one UTC day's archive. Set once the article is seen and never moved after, so no item
-- can enter a day whose archive has closed.
CREATE TABLE article_listing (
    article_id CHAR(26)   PRIMARY KEY,
    language   VARCHAR(8) NOT NULL,
    listed_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX article_listing_day ON article_listing (language, listed_at);

-- A language's day whose archive is closed: its items were copied into feed_archive_item then.
CREATE TABLE feed_archive_day (
    language    VARCHAR(8) NOT NULL,
    archive_day DATE       NOT NULL,
    closed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    items       INT        NOT NULL,
    PRIMARY KEY (language, archive_day)
);

-- The items of a closed day as they were at closing: later kills and corrections do not touch them.
-- facets lists the feeds the item was in ("|section:politics|region:mena|tag:gaza|type:news|breaking|").
CREATE TABLE feed_archive_item (
    language    VARCHAR(8) NOT NULL,
    archive_day DATE       NOT NULL,
    article_id  CHAR(26)   NOT NULL,
    facets      TEXT       NOT NULL,
    document    TEXT       NOT NULL,
    editions    TEXT       NOT NULL,
    PRIMARY KEY (language, archive_day, article_id)
);

-- Each feed's first archived day ("*" is a language's main feed, else a mark such as "|tag:gaza|"):
-- days close in order, so the first day written for a feed stays its first.
CREATE TABLE feed_archive_feed (
    language    VARCHAR(8)   NOT NULL,
    feed        VARCHAR(400) NOT NULL,
    first_day   DATE         NOT NULL,
    PRIMARY KEY (language, feed)
);

-- Archive documents as first served, by path ("en/tag/gaza/2026-12-05.atom"): their bytes and
-- ETag never change afterwards, whatever later releases change in the writers.
CREATE TABLE feed_archive_document (
    path       VARCHAR(512) PRIMARY KEY,
    body       BYTEA        NOT NULL,
    updated    TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Articles stored before archives existed are listed when their current version was stored.
INSERT INTO article_listing (article_id, language, listed_at)
SELECT id, language, CASE WHEN embargo_until IS NOT NULL AND embargo_until > stored_at THEN embargo_until ELSE stored_at END
FROM article WHERE status = 'USABLE';
