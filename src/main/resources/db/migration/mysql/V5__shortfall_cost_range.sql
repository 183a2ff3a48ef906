-- The largest unit price ingest accepts (12 digits before the decimal mark) times any shortfall an
-- int can count: 22 digits before the decimal mark.
ALTER TABLE LR_SHORTFALL MODIFY SHORTFALL_COST DECIMAL(24, 2);
