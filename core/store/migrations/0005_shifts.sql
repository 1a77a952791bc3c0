-- Schema version 5: shift close (交班 / Z report). Each close stores its report; the next shift starts
-- where the last one closed. Frozen once released.
CREATE TABLE shifts (
	id INTEGER NOT NULL, 
	station_id VARCHAR(20) NOT NULL, 
	opened_at VARCHAR(32) NOT NULL, 
	closed_at VARCHAR(32) NOT NULL, 
	staff_id VARCHAR(20) NOT NULL, 
	orders INTEGER NOT NULL, 
	total INTEGER NOT NULL, 
	voided INTEGER NOT NULL, 
	report VARCHAR NOT NULL, 
	PRIMARY KEY (id)
);
CREATE INDEX ix_shifts_closed_at ON shifts (closed_at);
