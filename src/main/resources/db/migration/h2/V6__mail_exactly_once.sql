-- A mail's recipients (a fallback list can be any length) and the products it covers: a mail is
-- known by both, so that a fallback recipient who also bought another short product gets both
-- mails. Before V6 a list over 4,000 characters failed the notify step after mails went out.
ALTER TABLE LR_MAIL ALTER COLUMN RECIPIENTS CLOB NOT NULL;
ALTER TABLE LR_MAIL ADD COLUMN PRODUCTS CLOB;
