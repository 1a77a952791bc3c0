-- Schema version 4: voids (作廢) reach HQ through an outbox of their own, queued in the void's own
-- transaction and sent only once HQ has accepted the order. Voids made before this version (which were
-- never sent) are queued here too. Frozen once released.
CREATE TABLE void_outbox (
	order_id VARCHAR(36) NOT NULL, 
	reason VARCHAR NOT NULL, 
	voided_at VARCHAR(32) NOT NULL, 
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
CREATE INDEX ix_void_outbox_due ON void_outbox (state, next_attempt_at);
INSERT INTO void_outbox (order_id, reason, voided_at, state, attempts, next_attempt_at, last_error, result,
                         created_at, updated_at)
SELECT i.order_id, coalesce(i.void_reason, ''), coalesce(i.voided_at, i.issued_at), 'waiting', 0,
       coalesce(i.voided_at, i.issued_at), NULL, NULL, coalesce(i.voided_at, i.issued_at),
       coalesce(i.voided_at, i.issued_at)
FROM invoices i WHERE i.voided = 1;
