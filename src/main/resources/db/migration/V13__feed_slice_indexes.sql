-- Issue 16: every query a feed render makes reads an index in the order it pages, so a render costs
-- a page, not the archive. Tag and region rows carry their article's language and first publication
-- so a tag or region feed is one range of one index (kept in step by ArticleRepository.writeFacets).
ALTER TABLE article_tag ADD COLUMN language VARCHAR(8);
ALTER TABLE article_tag ADD COLUMN first_published TIMESTAMP WITH TIME ZONE;
UPDATE article_tag SET
    language = (SELECT a.language FROM article a WHERE a.id = article_tag.article_id),
    first_published = (SELECT a.first_published FROM article a WHERE a.id = article_tag.article_id);
ALTER TABLE article_tag ALTER COLUMN language SET NOT NULL;
ALTER TABLE article_tag ALTER COLUMN first_published SET NOT NULL;
-- the tag feed's page, and the catalogue's recent tags (a window of first publication per language)
CREATE INDEX article_tag_feed ON article_tag (tag_key, language, first_published DESC, article_id DESC);
CREATE INDEX article_tag_recent ON article_tag (language, first_published);
-- article_tag_feed starts with tag_key: the old single-column index only costs writes now
DROP INDEX article_tag_key;

ALTER TABLE article_region ADD COLUMN language VARCHAR(8);
ALTER TABLE article_region ADD COLUMN first_published TIMESTAMP WITH TIME ZONE;
UPDATE article_region SET
    language = (SELECT a.language FROM article a WHERE a.id = article_region.article_id),
    first_published = (SELECT a.first_published FROM article a WHERE a.id = article_region.article_id);
ALTER TABLE article_region ALTER COLUMN language SET NOT NULL;
ALTER TABLE article_region ALTER COLUMN first_published SET NOT NULL;
CREATE INDEX article_region_feed ON article_region (region, language, first_published DESC, article_id DESC);

-- section, content-type and breaking feeds: the main feed's order within the slice
CREATE INDEX article_section_feed ON article (language, section, first_published DESC, id DESC);
CREATE INDEX article_type_feed ON article (language, content_type, first_published DESC, id DESC);
CREATE INDEX article_breaking_feed ON article (language, breaking, first_published DESC, id DESC);
-- Atom tombstones: a language's kills of the last 48 h, among its last 48 h of stores. Not (language,
-- status, ...): H2 would take that for the main feed (two equalities) and sort the whole language.
CREATE INDEX article_stored ON article (language, stored_at);
-- the next embargo lapse of a language
CREATE INDEX article_embargoes ON article (language, embargo_until);
