-- The city an employee claims to work from: round-trip physics judges it (docs/collector.md).
ALTER TABLE roster ADD COLUMN claimed_city TEXT;
