-- Safe to edit until it has run anywhere: this file is yours. Topograph never overwrites a change you make to it.
-- The items table backs the scaffolded handlers: one JSON document per (collection, id).
CREATE TABLE IF NOT EXISTS items (
    collection VARCHAR(255) NOT NULL,
    id VARCHAR(255) NOT NULL,
    body JSON NOT NULL,
    created_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    updated_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    PRIMARY KEY (collection, id)
) DEFAULT CHARSET = utf8mb4;
