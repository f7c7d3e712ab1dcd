-- Secrets the gateway makes for itself and every instance must share (e.g. the key that signs delta
-- cursors): made once by whichever instance needs one first, then read by all.
CREATE TABLE gateway_secret (
    name       VARCHAR(64)  PRIMARY KEY,
    secret     VARCHAR(128) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
