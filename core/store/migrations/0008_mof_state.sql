-- Schema version 8: the MOF platform's state of each order's invoice, as HQ reports it (upload detail,
-- doctor). Frozen once released.
CREATE TABLE mof_states (
	order_id VARCHAR(36) NOT NULL, 
	kind VARCHAR(5) NOT NULL, 
	invoice_number VARCHAR(10) NOT NULL, 
	state VARCHAR(10) NOT NULL, 
	error_code VARCHAR(20), 
	error_text VARCHAR, 
	updated_at VARCHAR(32) NOT NULL, 
	checked_at VARCHAR(32) NOT NULL, 
	PRIMARY KEY (order_id)
);
