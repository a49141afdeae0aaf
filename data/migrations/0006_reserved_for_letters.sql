-- Atelier schema, version 6: reserved for the letters register (issue 20),
-- which is built on another branch and takes this number. This file only
-- keeps the numbers in a row on the outbox branch, which has version 7:
-- when the letters branch is merged, its 0006 replaces this one.
SELECT 1;
