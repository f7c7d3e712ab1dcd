-- Every (source, agency guid, version) the gateway has accepted or refused, written in the same
-- transaction as the article: the unique key makes a version count once even when two instances
-- ingest the same item at the same moment (insert ... on conflict do nothing, on H2 and PostgreSQL).
CREATE TABLE item_version (
    source       VARCHAR(64)   NOT NULL,
    agency_guid  VARCHAR(1024) NOT NULL,
    version_key  VARCHAR(128)  NOT NULL,
    article_id   CHAR(26)      NOT NULL,
    outcome      VARCHAR(16)   NOT NULL,
    payload_id   BIGINT REFERENCES payload (id),
    received_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (source, agency_guid, version_key)
);

-- The note of the latest correction, kept when later versions carry none.
ALTER TABLE article ADD COLUMN correction_note VARCHAR(2000);
