-- The embargo release sweep (every second) asks for embargoes that lapsed since its last sweep.
-- (language, embargo_until) cannot answer that without a language, so H2 and PostgreSQL read the
-- whole article table every second: at a million articles, most of a core.
CREATE INDEX article_embargo_lapse ON article (embargo_until);
