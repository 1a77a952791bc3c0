-- Schema version 7: the 交易明細 slip that a sale on a carrier or donated gets instead of a proof copy is
-- counted apart from the proof copy (print_count / printed_at stay about the 證明聯 alone), so a second
-- slip is marked 補印. Frozen once released.
ALTER TABLE invoices ADD COLUMN slip_count INTEGER NOT NULL DEFAULT 0;
