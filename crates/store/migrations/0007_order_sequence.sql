-- Each shop numbers its orders as they reach the store (1, 2, 3, ... in commit
-- order: the shop's row is locked while the number is taken), so every server
-- sharing the store learns the orders another server took: those after the last
-- number it has seen. Orders stored before this migration have no number; they
-- are learned when an engine is built.
ALTER TABLE shops ADD COLUMN orders_received BIGINT NOT NULL DEFAULT 0;
ALTER TABLE orders ADD COLUMN received_no BIGINT;
CREATE INDEX orders_by_shop_received ON orders (shop_id, received_no);
