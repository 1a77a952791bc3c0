-- Schema version 2: HQ sync. Reconciliation results on orders and lines, sync cursors. Frozen once released.
ALTER TABLE order_lines ADD COLUMN hq_name VARCHAR;
ALTER TABLE order_lines ADD COLUMN hq_catalog_price INTEGER;
ALTER TABLE order_lines ADD COLUMN price_override BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE order_lines ADD COLUMN unknown_sku BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE orders ADD COLUMN hq_customer_id VARCHAR(40);
ALTER TABLE orders ADD COLUMN reconciled_at VARCHAR(32);
CREATE INDEX ix_outbox_created_at ON outbox (created_at);
CREATE TABLE sync_state (
	name VARCHAR(40) NOT NULL, 
	value VARCHAR NOT NULL, 
	updated_at VARCHAR(32) NOT NULL, 
	PRIMARY KEY (name)
);
