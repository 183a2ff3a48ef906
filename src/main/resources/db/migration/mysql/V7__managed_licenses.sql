-- The nightly job's own record of the licenses it manages (RULES.md R3): those it assigned from a
-- rule or adopted, which real exports show as Direct. One row per job, user and product; USER_KEY
-- is the user's object id (or the UPN when the export had none). A run's changes are written in
-- its publish transaction: SINCE_RUN is the run that started managing, UNTIL_RUN the one that
-- stopped (kept until the next run publishes, so a resumed run recomputes from the record as it
-- was at its start).
CREATE TABLE LR_MANAGED (
    JOB_NAME   VARCHAR(200) NOT NULL,
    USER_KEY   VARCHAR(400) NOT NULL,
    SKU        VARCHAR(100) NOT NULL,
    SINCE_RUN  VARCHAR(64)  NOT NULL,
    UNTIL_RUN  VARCHAR(64),
    CONSTRAINT LR_MANAGED_PK PRIMARY KEY (JOB_NAME, USER_KEY, SKU)
) ENGINE=InnoDB;
