-- Token buckets shared by every instance, for gateway.partners.rate-limit.store=database: one row per
-- credential, read and written under its row lock, so N instances enforce one contract, not N.
CREATE TABLE rate_bucket (
    credential_id VARCHAR(64)      PRIMARY KEY,
    tokens        DOUBLE PRECISION NOT NULL,
    refilled_at   BIGINT           NOT NULL
);
