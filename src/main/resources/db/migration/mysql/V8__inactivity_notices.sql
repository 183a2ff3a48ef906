-- The licenses a run reported as going to be reclaimed for inactivity (reclaim: inactive), one
-- row per license and run. A run reads the rows of the job's last published run other than its
-- own, so a restarted run (which recomputes) sees exactly what it saw the first time, and a
-- notice whose user became active again is simply not written by the next run.
CREATE TABLE LR_NOTICE (
    JOB_NAME       VARCHAR(200) NOT NULL,
    RUN_ID         VARCHAR(64)  NOT NULL,
    SEQ            INT          NOT NULL,
    USER_UPN       VARCHAR(400) NOT NULL,
    SKU            VARCHAR(100) NOT NULL,
    FIRST_RUN      VARCHAR(64)  NOT NULL,
    RUNS           INT          NOT NULL,
    LAST_ACTIVE    VARCHAR(10),
    REMOVED_NEXT   VARCHAR(5)   NOT NULL,
    CONSTRAINT LR_NOTICE_PK PRIMARY KEY (JOB_NAME, RUN_ID, SEQ)
) ENGINE=InnoDB;
