-- An operator discarded the rejection: hidden from the quarantine lists, its kept bytes stay.
ALTER TABLE rejection ADD COLUMN discarded_at TIMESTAMP WITH TIME ZONE;
