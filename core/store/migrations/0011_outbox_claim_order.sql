-- Schema version 11: the due orders in the order the uploader claims them (oldest due first), holding
-- only due rows, so a claim reads its batch off the index instead of sorting every due row.
-- Frozen once released.
CREATE INDEX ix_outbox_claim ON outbox (next_attempt_at, created_at, order_id) WHERE state IN ('waiting', 'failed');
