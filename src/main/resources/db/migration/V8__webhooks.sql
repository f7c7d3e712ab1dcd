-- Partner webhooks: endpoints a partner registered and the deliveries made to them. Common SQL
-- subset of H2 and PostgreSQL.
--
-- The signing secret is stored as issued (the gateway must sign with it, so a hash would not do);
-- it is shown to the partner once and never logged. During a rotation the previous secret signs too,
-- until previous_secret_until.
CREATE TABLE webhook_endpoint (
    id                    VARCHAR(32)   PRIMARY KEY,
    partner_id            VARCHAR(64)   NOT NULL REFERENCES partner (id),
    url                   VARCHAR(2048) NOT NULL,
    events                VARCHAR(64)   NOT NULL,
    secret                VARCHAR(128)  NOT NULL,
    previous_secret       VARCHAR(128),
    previous_secret_until TIMESTAMP WITH TIME ZONE,
    -- ACTIVE or DISABLED (every delivery failed for gateway.partners.webhooks.disable-after)
    state                 VARCHAR(16)   NOT NULL,
    -- the last change-log sequence turned into deliveries (or skipped) for this endpoint
    cursor_seq            BIGINT        NOT NULL,
    -- the first failed attempt since the last success; null while deliveries succeed
    failing_since         TIMESTAMP WITH TIME ZONE,
    last_success_at       TIMESTAMP WITH TIME ZONE,
    disabled_at           TIMESTAMP WITH TIME ZONE,
    disabled_reason       VARCHAR(500),
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX webhook_endpoint_partner ON webhook_endpoint (partner_id);

-- One row per (endpoint, change-log entry) the endpoint asked for: what is sent (body, signed
-- afresh at every attempt) and how it went. PENDING rows are picked up when next_attempt_at is
-- due, so a restart loses nothing.
CREATE TABLE webhook_delivery (
    id               VARCHAR(32)  PRIMARY KEY,
    endpoint_id      VARCHAR(32)  NOT NULL REFERENCES webhook_endpoint (id) ON DELETE CASCADE,
    seq              BIGINT       NOT NULL,
    article_id       CHAR(26)     NOT NULL,
    version          INT          NOT NULL,
    event            VARCHAR(16)  NOT NULL,
    body             TEXT         NOT NULL,
    attempts         INT          NOT NULL,
    -- PENDING, DELIVERED or DEAD
    state            VARCHAR(16)  NOT NULL,
    next_attempt_at  TIMESTAMP WITH TIME ZONE,
    first_attempt_at TIMESTAMP WITH TIME ZONE,
    last_attempt_at  TIMESTAMP WITH TIME ZONE,
    last_status      INT,
    last_error       VARCHAR(1000),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    delivered_at     TIMESTAMP WITH TIME ZONE,
    dead_at          TIMESTAMP WITH TIME ZONE,
    CONSTRAINT webhook_delivery_endpoint_seq UNIQUE (endpoint_id, seq)
);
CREATE INDEX webhook_delivery_due ON webhook_delivery (state, next_attempt_at);
CREATE INDEX webhook_delivery_endpoint ON webhook_delivery (endpoint_id, state, seq);
