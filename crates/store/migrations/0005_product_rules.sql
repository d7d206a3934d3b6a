-- The shop's own rules between products and clusters (the reference documents'
-- Crossupsell) and the clusters they may name: named groups of products.
CREATE TABLE clusters (
    id          TEXT PRIMARY KEY,
    shop_id     TEXT NOT NULL REFERENCES shops(id),
    name        TEXT NOT NULL,
    hidden      BIGINT NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    UNIQUE (shop_id, name)
);

CREATE TABLE cluster_products (
    cluster_id  TEXT NOT NULL REFERENCES clusters(id),
    product_id  TEXT NOT NULL REFERENCES products(id),
    PRIMARY KEY (cluster_id, product_id)
);

CREATE TABLE product_rules (
    id                TEXT PRIMARY KEY,
    shop_id           TEXT NOT NULL REFERENCES shops(id),
    kind              TEXT NOT NULL,
    sub_type          TEXT,
    product_from      TEXT REFERENCES products(id),
    cluster_from      TEXT REFERENCES clusters(id),
    product_to        TEXT REFERENCES products(id),
    cluster_to        TEXT REFERENCES clusters(id),
    created_at        TEXT NOT NULL,
    last_modified_at  TEXT NOT NULL
);
CREATE INDEX product_rules_by_shop ON product_rules (shop_id);

-- Bumped with every change of a shop's rules or clusters, in the same transaction:
-- a running server sees the shop row change and reloads them.
ALTER TABLE shops ADD COLUMN rules_revision BIGINT NOT NULL DEFAULT 0;
