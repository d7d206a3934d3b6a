-- The demo storefront's carts: one per visitor (a random id in a cookie), kept
-- server-side until checkout turns it into a closed order.
CREATE TABLE carts (
    id                   TEXT PRIMARY KEY,
    shop_id              TEXT NOT NULL REFERENCES shops(id),
    destination_country  TEXT,
    updated_at           TEXT NOT NULL
);

CREATE TABLE cart_lines (
    cart_id     TEXT NOT NULL REFERENCES carts(id),
    product_id  TEXT NOT NULL REFERENCES products(id),
    quantity    BIGINT NOT NULL,
    -- Lines keep the order they were added in: the model learns from that order.
    position    BIGINT NOT NULL,
    PRIMARY KEY (cart_id, product_id)
);
