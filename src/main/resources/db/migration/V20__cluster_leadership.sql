-- Leadership for instances that share one database (gateway.cluster.enabled): Spring Integration's
-- JdbcLockRegistry keeps one row per held lock in INT_LOCK (its own schema-*.sql, same columns on H2
-- and PostgreSQL). A row whose CREATED_DATE (UTC, renewed by the holder's heartbeat) is older than
-- the lease TTL is expired and may be taken by another instance.
CREATE TABLE INT_LOCK (
    LOCK_KEY     CHAR(36)     NOT NULL,
    REGION       VARCHAR(100) NOT NULL,
    CLIENT_ID    CHAR(36),
    CREATED_DATE TIMESTAMP    NOT NULL,
    CONSTRAINT INT_LOCK_PK PRIMARY KEY (LOCK_KEY, REGION)
);

-- Who was granted a role (source:<id>, jobs), with the instance's readable id and since when: the
-- ops page shows it. Current only while the holder's INT_LOCK row (same client_id) is unexpired.
CREATE TABLE cluster_leader (
    role        VARCHAR(200) PRIMARY KEY,
    instance_id VARCHAR(200) NOT NULL,
    client_id   CHAR(36)     NOT NULL,
    since       TIMESTAMP WITH TIME ZONE NOT NULL
);
