-- Safe to edit until it has run anywhere: this file is yours. Topograph never overwrites a change you make to it.
-- The items table backs the scaffolded handlers: one JSON document per (collection, id).
CREATE TABLE IF NOT EXISTS items (
    collection text NOT NULL,
    id text NOT NULL,
    body jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (collection, id)
);
