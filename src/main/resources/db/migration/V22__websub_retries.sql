-- WebSub content distributions that failed and are to be tried again, one row per subscription: a
-- retry sends the topic's current first page (newer content supersedes what failed). In the
-- database, not in memory, so a retry outlives the instance that scheduled it; an instance takes a
-- due row by moving due_at forward (compare-and-set), so each retry is sent once.
CREATE TABLE websub_retry (
    subscription_id BIGINT PRIMARY KEY REFERENCES websub_subscription (id) ON DELETE CASCADE,
    attempt         INT    NOT NULL,
    due_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    last_error      VARCHAR(1000)
);
CREATE INDEX websub_retry_due ON websub_retry (due_at);
