-- Every (article, revision, audience) enters the partner change log once: two instances releasing
-- the same lapsed embargo (or any other double append) insert with ON CONFLICT DO NOTHING. Entries
-- doubled before this migration keep their first (lowest) sequence.
DELETE FROM article_change
WHERE EXISTS (SELECT 1 FROM article_change earlier
              WHERE earlier.article_id = article_change.article_id
                AND earlier.revision = article_change.revision
                AND earlier.audience = article_change.audience
                AND earlier.seq < article_change.seq);
ALTER TABLE article_change ADD CONSTRAINT article_change_once UNIQUE (article_id, revision, audience);
