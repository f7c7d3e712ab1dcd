-- Source freshness is read from the store by every instance (ingest/SourceActivity): the newest
-- payload of one source is then an index lookup, not a scan of every payload ever received.
CREATE INDEX payload_source_last_received ON payload (source, last_received_at);
