-- Schema version 9: allowances (折讓證明單) issued at the till, their lines and refunds, and an outbox
-- carrying them (and their cancels) to HQ. Frozen once released.
CREATE TABLE allowances (
	id VARCHAR(36) NOT NULL, 
	number VARCHAR(16) NOT NULL, 
	order_id VARCHAR(36) NOT NULL, 
	issued_at VARCHAR(32) NOT NULL, 
	period_code VARCHAR(5) NOT NULL, 
	original_invoice_number VARCHAR(10) NOT NULL, 
	original_invoice_date VARCHAR(10) NOT NULL, 
	amount INTEGER NOT NULL, 
	tax INTEGER NOT NULL, 
	reason VARCHAR NOT NULL, 
	staff_id VARCHAR(20) NOT NULL, 
	approved_by VARCHAR(20) NOT NULL, 
	cancelled BOOLEAN NOT NULL, 
	cancelled_at VARCHAR(32), 
	cancel_reason VARCHAR, 
	cancelled_by VARCHAR(20), 
	PRIMARY KEY (id), 
	UNIQUE (number), 
	FOREIGN KEY(order_id) REFERENCES orders (id)
);
CREATE INDEX ix_allowances_order_id ON allowances (order_id);
CREATE TABLE allowance_lines (
	id INTEGER NOT NULL, 
	allowance_id VARCHAR(36) NOT NULL, 
	position INTEGER NOT NULL, 
	original_position INTEGER NOT NULL, 
	sku VARCHAR(40) NOT NULL, 
	quantity INTEGER NOT NULL, 
	amount INTEGER NOT NULL, 
	tax INTEGER NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (allowance_id, position), 
	FOREIGN KEY(allowance_id) REFERENCES allowances (id)
);
CREATE INDEX ix_allowance_lines_allowance_id ON allowance_lines (allowance_id);
CREATE TABLE allowance_refunds (
	id INTEGER NOT NULL, 
	allowance_id VARCHAR(36) NOT NULL, 
	kind VARCHAR(10) NOT NULL, 
	amount INTEGER NOT NULL, 
	reference VARCHAR NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(allowance_id) REFERENCES allowances (id)
);
CREATE INDEX ix_allowance_refunds_allowance_id ON allowance_refunds (allowance_id);
CREATE TABLE allowance_outbox (
	allowance_id VARCHAR(36) NOT NULL, 
	kind VARCHAR(6) NOT NULL, 
	state VARCHAR(10) NOT NULL, 
	attempts INTEGER NOT NULL, 
	next_attempt_at VARCHAR(32) NOT NULL, 
	last_error VARCHAR, 
	result VARCHAR, 
	created_at VARCHAR(32) NOT NULL, 
	updated_at VARCHAR(32) NOT NULL, 
	PRIMARY KEY (allowance_id, kind), 
	FOREIGN KEY(allowance_id) REFERENCES allowances (id)
);
CREATE INDEX ix_allowance_outbox_due ON allowance_outbox (state, next_attempt_at);
