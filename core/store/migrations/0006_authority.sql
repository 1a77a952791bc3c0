-- Schema version 6: authority at the till. Wrong-PIN lockouts per staff member survive a restart; a line
-- sold below its catalog price keeps the manager who allowed it; a void's outbox row carries the manager
-- who allowed it to HQ (voids queued before this version take theirs from the audit log). Frozen once
-- released.
CREATE TABLE pin_lockouts (
	staff_id VARCHAR(20) NOT NULL, 
	failures INTEGER NOT NULL, 
	lockouts INTEGER NOT NULL, 
	locked_until VARCHAR(32), 
	updated_at VARCHAR(32) NOT NULL, 
	PRIMARY KEY (staff_id)
);
ALTER TABLE order_lines ADD COLUMN price_approved_by VARCHAR(20);
ALTER TABLE void_outbox ADD COLUMN approved_by VARCHAR(20);
UPDATE void_outbox SET approved_by = (
    SELECT a.approved_by FROM audit_log a WHERE a.action = 'void' AND a.order_id = void_outbox.order_id
    ORDER BY a.id DESC LIMIT 1);
