-- Schema version 1: the station's first schema. Frozen: never edit; add a new migration instead.
CREATE TABLE audit_log (
	id INTEGER NOT NULL, 
	at VARCHAR(32) NOT NULL, 
	action VARCHAR(20) NOT NULL, 
	staff_id VARCHAR(20) NOT NULL, 
	approved_by VARCHAR(20), 
	order_id VARCHAR(36), 
	detail VARCHAR NOT NULL, 
	PRIMARY KEY (id)
);
CREATE INDEX ix_audit_log_at ON audit_log (at);
CREATE INDEX ix_audit_log_order_id ON audit_log (order_id);
CREATE TABLE booklets (
	id INTEGER NOT NULL, 
	period_code VARCHAR(5) NOT NULL, 
	track VARCHAR(2) NOT NULL, 
	start INTEGER NOT NULL, 
	"end" INTEGER NOT NULL, 
	next_offset INTEGER NOT NULL, 
	received_at VARCHAR(32) NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT uq_booklet UNIQUE (period_code, track, start)
);
CREATE INDEX ix_booklets_period_code ON booklets (period_code);
CREATE TABLE counters (
	name VARCHAR(20) NOT NULL, 
	value INTEGER NOT NULL, 
	PRIMARY KEY (name)
);
CREATE TABLE customers (
	id VARCHAR(40) NOT NULL, 
	member_code VARCHAR(40), 
	phone VARCHAR(20), 
	name VARCHAR NOT NULL, 
	updated_at VARCHAR(32) NOT NULL, 
	PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ix_customers_member_code ON customers (member_code);
CREATE INDEX ix_customers_phone ON customers (phone);
CREATE TABLE products (
	sku VARCHAR(40) NOT NULL, 
	barcode VARCHAR(40), 
	name VARCHAR NOT NULL, 
	price_regular INTEGER NOT NULL, 
	price_addon INTEGER, 
	price_gift INTEGER, 
	active BOOLEAN NOT NULL, 
	updated_at VARCHAR(32) NOT NULL, 
	PRIMARY KEY (sku)
);
CREATE INDEX ix_products_barcode ON products (barcode);
CREATE TABLE staff (
	id VARCHAR(20) NOT NULL, 
	name VARCHAR NOT NULL, 
	role VARCHAR(10) NOT NULL, 
	pin_hash VARCHAR NOT NULL, 
	active BOOLEAN NOT NULL, 
	updated_at VARCHAR(32) NOT NULL, 
	PRIMARY KEY (id)
);
CREATE TABLE orders (
	id VARCHAR(36) NOT NULL, 
	order_no VARCHAR(40) NOT NULL, 
	seq INTEGER NOT NULL, 
	station_id VARCHAR(20) NOT NULL, 
	created_at VARCHAR(32) NOT NULL, 
	staff_id VARCHAR(20) NOT NULL, 
	customer_id VARCHAR(40), 
	customer_phone VARCHAR(20), 
	total INTEGER NOT NULL, 
	offline BOOLEAN NOT NULL, 
	status VARCHAR(12) NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (order_no), 
	FOREIGN KEY(staff_id) REFERENCES staff (id)
);
CREATE INDEX ix_orders_created_at ON orders (created_at);
CREATE TABLE invoices (
	id INTEGER NOT NULL, 
	order_id VARCHAR(36) NOT NULL, 
	number VARCHAR(10) NOT NULL, 
	period_code VARCHAR(5) NOT NULL, 
	random_code VARCHAR(4), 
	issued_at VARCHAR(32) NOT NULL, 
	total INTEGER NOT NULL, 
	sales INTEGER NOT NULL, 
	tax INTEGER NOT NULL, 
	seller_ban VARCHAR(8) NOT NULL, 
	buyer_ban VARCHAR(8), 
	carrier_type VARCHAR(10), 
	carrier_id VARCHAR(64), 
	donation_code VARCHAR(7), 
	qr_left VARCHAR, 
	qr_right VARCHAR, 
	qr_encoding VARCHAR(10) NOT NULL, 
	print_mark BOOLEAN NOT NULL, 
	manual BOOLEAN NOT NULL, 
	voided BOOLEAN NOT NULL, 
	voided_at VARCHAR(32), 
	void_reason VARCHAR, 
	print_count INTEGER NOT NULL, 
	printed_at VARCHAR(32), 
	PRIMARY KEY (id), 
	CONSTRAINT uq_invoice_number UNIQUE (period_code, number), 
	UNIQUE (order_id), 
	FOREIGN KEY(order_id) REFERENCES orders (id)
);
CREATE TABLE order_lines (
	id INTEGER NOT NULL, 
	order_id VARCHAR(36) NOT NULL, 
	position INTEGER NOT NULL, 
	sku VARCHAR(40) NOT NULL, 
	name VARCHAR NOT NULL, 
	product_type VARCHAR(10) NOT NULL, 
	quantity INTEGER NOT NULL, 
	unit_price INTEGER NOT NULL, 
	catalog_price INTEGER, 
	amount INTEGER NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(order_id) REFERENCES orders (id)
);
CREATE INDEX ix_order_lines_order_id ON order_lines (order_id);
CREATE TABLE outbox (
	order_id VARCHAR(36) NOT NULL, 
	state VARCHAR(10) NOT NULL, 
	attempts INTEGER NOT NULL, 
	next_attempt_at VARCHAR(32) NOT NULL, 
	last_error VARCHAR, 
	result VARCHAR, 
	created_at VARCHAR(32) NOT NULL, 
	updated_at VARCHAR(32) NOT NULL, 
	PRIMARY KEY (order_id), 
	FOREIGN KEY(order_id) REFERENCES orders (id)
);
CREATE INDEX ix_outbox_due ON outbox (state, next_attempt_at);
CREATE TABLE payments (
	id INTEGER NOT NULL, 
	order_id VARCHAR(36) NOT NULL, 
	kind VARCHAR(10) NOT NULL, 
	amount INTEGER NOT NULL, 
	tendered INTEGER NOT NULL, 
	change INTEGER NOT NULL, 
	reference VARCHAR NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(order_id) REFERENCES orders (id)
);
CREATE INDEX ix_payments_order_id ON payments (order_id);
