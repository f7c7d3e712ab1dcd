-- Requests refused with 429 are counted apart from served ones: they cost the partner nothing
-- against its contract but show an operator who keeps hitting the limit.
ALTER TABLE partner_usage ADD COLUMN limited BIGINT NOT NULL DEFAULT 0;
