-- The holdout experiment: which anonymous visitor (and which of their sessions) an
-- event or an order belongs to, and the arm the widget was in. Random ids made by
-- the widget, never personal data; old rows have none and are not in any report.
ALTER TABLE events ADD COLUMN visitor_id TEXT;
ALTER TABLE events ADD COLUMN session_id TEXT;
ALTER TABLE events ADD COLUMN arm TEXT;
CREATE INDEX events_by_shop_visitor ON events (shop_id, visitor_id);
ALTER TABLE orders ADD COLUMN visitor_id TEXT;
ALTER TABLE orders ADD COLUMN session_id TEXT;
CREATE INDEX orders_by_shop_visitor ON orders (shop_id, visitor_id);
