-- A shop's first keys were stored without a label, so `cartlift shop token SLUG`
-- (label "default") issued a second key and left them working. They are the
-- "default" keys: rotating that label now revokes them.
UPDATE api_keys SET label = 'default' WHERE label IS NULL;
