-- Schema version 10: a return within the invoice's period voids the order and issues a new invoice for
-- the kept lines, the new order naming the voided one; the money handed back is kept per tender.
-- Frozen once released.
ALTER TABLE orders ADD COLUMN reissue_of VARCHAR(36) REFERENCES orders (id);
CREATE INDEX ix_orders_reissue_of ON orders (reissue_of);
CREATE TABLE return_refunds (
	id INTEGER NOT NULL, 
	order_id VARCHAR(36) NOT NULL, 
	refunded_at VARCHAR(32) NOT NULL, 
	kind VARCHAR(10) NOT NULL, 
	amount INTEGER NOT NULL, 
	reference VARCHAR NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(order_id) REFERENCES orders (id)
);
CREATE INDEX ix_return_refunds_order_id ON return_refunds (order_id);
