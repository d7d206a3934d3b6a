-- Rules are listed in the order they were written, also within one second.
ALTER TABLE product_rules ADD COLUMN position BIGINT NOT NULL DEFAULT 0;
