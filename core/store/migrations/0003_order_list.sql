-- Schema version 3: the order list pages over 100,000 orders by (created_at, seq) and finds an order by
-- invoice number or customer without a table scan. Frozen once released.
CREATE INDEX ix_orders_created_seq ON orders (created_at, seq);
CREATE INDEX ix_orders_status_created_seq ON orders (status, created_at, seq);
CREATE INDEX ix_orders_customer_phone ON orders (customer_phone);
CREATE INDEX ix_orders_customer_id ON orders (customer_id);
CREATE INDEX ix_invoices_number ON invoices (number);
