-- Portable SQL: the same schema runs on SQLite and PostgreSQL. Ids are UUID text,
-- times are UTC RFC 3339 text (which sorts), flags are 0/1 integers, lists are JSON text.

CREATE TABLE shops (
    id          TEXT PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    currency    TEXT NOT NULL,
    language    TEXT NOT NULL,
    settings    TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

-- Widget tokens (public, read-only) and admin keys (secret, writes), stored hashed.
CREATE TABLE api_keys (
    hash        TEXT PRIMARY KEY,
    shop_id     TEXT NOT NULL REFERENCES shops(id),
    kind        TEXT NOT NULL,
    -- Optional name of the holder; a key re-issued under a label replaces the old one.
    label       TEXT,
    created_at  TEXT NOT NULL
);

CREATE TABLE products (
    id           TEXT PRIMARY KEY,
    shop_id      TEXT NOT NULL REFERENCES shops(id),
    external_id  TEXT NOT NULL,
    name         TEXT NOT NULL,
    description  TEXT,
    price        DOUBLE PRECISION NOT NULL,
    sale_price   DOUBLE PRECISION,
    cost_price   DOUBLE PRECISION,
    currency     TEXT NOT NULL,
    url          TEXT NOT NULL,
    image_url    TEXT,
    categories   TEXT NOT NULL,
    tags         TEXT NOT NULL,
    brands       TEXT NOT NULL,
    family       TEXT,
    stock        BIGINT,
    available    BIGINT NOT NULL,
    updated_at   TEXT NOT NULL,
    UNIQUE (shop_id, external_id)
);

CREATE TABLE orders (
    id           TEXT PRIMARY KEY,
    shop_id      TEXT NOT NULL REFERENCES shops(id),
    external_id  TEXT NOT NULL,
    customer_id  TEXT,
    closed_at    TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    UNIQUE (shop_id, external_id)
);
CREATE INDEX orders_by_shop_closed ON orders (shop_id, closed_at);

CREATE TABLE order_lines (
    order_id    TEXT NOT NULL REFERENCES orders(id),
    line_no     BIGINT NOT NULL,
    product_id  TEXT NOT NULL REFERENCES products(id),
    quantity    BIGINT NOT NULL,
    unit_price  DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (order_id, line_no)
);

CREATE TABLE events (
    id             TEXT PRIMARY KEY,
    shop_id        TEXT NOT NULL REFERENCES shops(id),
    type           TEXT NOT NULL,
    search_log_id  TEXT,
    metadata       TEXT NOT NULL,
    source         TEXT,
    product_id     TEXT,
    occurred_at    TEXT NOT NULL,
    received_at    TEXT NOT NULL
);
CREATE INDEX events_by_shop_type ON events (shop_id, type, occurred_at);
