-- An apply of a run's actions.csv through Microsoft Graph: one row per apply, one per request.
-- A request is recorded PENDING (committed) before its batch is sent and APPLIED / FAILED
-- (committed) before the next batch goes out, so that an apply resumed after a crash verifies
-- what may have been sent instead of sending it twice.
CREATE TABLE LR_APPLY_RUN (
    JOB_NAME     VARCHAR(200) NOT NULL,
    RUN_ID       VARCHAR(64)  NOT NULL,
    STATUS       VARCHAR(20)  NOT NULL,
    STARTED_AT   TIMESTAMP    NOT NULL,
    FINISHED_AT  TIMESTAMP,
    CONSTRAINT LR_APPLY_RUN_PK PRIMARY KEY (JOB_NAME, RUN_ID)
);

-- STATUS: PLANNED (not sent), PENDING (sent or about to be, outcome unknown), APPLIED, FAILED
-- (CODE and MESSAGE as Graph gave them), BY_ENTRA (a group path: Entra carries it out, nothing sent).
CREATE TABLE LR_APPLY (
    JOB_NAME      VARCHAR(200)  NOT NULL,
    RUN_ID        VARCHAR(64)   NOT NULL,
    SEQ           INT           NOT NULL,
    BATCH         INT           NOT NULL,
    USER_UPN      VARCHAR(400)  NOT NULL,
    ACTIONS       VARCHAR(4000) NOT NULL,
    REQUEST_BODY  CLOB,
    STATUS        VARCHAR(20)   NOT NULL,
    ATTEMPTS      INT           NOT NULL,
    CODE          VARCHAR(100),
    MESSAGE       VARCHAR(4000),
    UPDATED_AT    TIMESTAMP     NOT NULL,
    CONSTRAINT LR_APPLY_PK PRIMARY KEY (JOB_NAME, RUN_ID, SEQ)
);
