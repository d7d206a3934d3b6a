-- Search conversations and their turns. A turn's id is the `searchLogId` that
-- tracking events carry, so a click can be tied to the search that showed it.
CREATE TABLE conversations (
    id                   TEXT PRIMARY KEY,
    shop_id              TEXT NOT NULL REFERENCES shops(id),
    language             TEXT NOT NULL,
    turns                BIGINT NOT NULL,
    -- What "make it 3" refers to, and where the shopper wants the order shipped.
    last_item_key        TEXT,
    destination_country  TEXT,
    started_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL
);

CREATE TABLE search_logs (
    id               TEXT PRIMARY KEY,
    shop_id          TEXT NOT NULL REFERENCES shops(id),
    conversation_id  TEXT REFERENCES conversations(id),
    turn_number      BIGINT,
    query            TEXT NOT NULL,
    language         TEXT NOT NULL,
    intent           TEXT NOT NULL,
    total            BIGINT NOT NULL,
    -- The cart action proposed this turn, if any (REMOVE, ADD_SUGGESTION, ...).
    cart_action      TEXT,
    query_time_ms    DOUBLE PRECISION NOT NULL,
    created_at       TEXT NOT NULL
);

CREATE INDEX search_logs_shop_time ON search_logs (shop_id, created_at);
