-- The lease of the run under way, one row per job: who runs it (host, process, a token of that
-- launch) and until when the lease holds. A run renews it while it works (heartbeat); a lease that
-- has lapsed belongs to a process that died, and the next run of the job takes it over. Inserting
-- the row (primary key) or taking over a lapsed one (a conditional UPDATE) is what lets only one
-- process start a run of a job, on any node. Times are milliseconds since the epoch (UTC), so that
-- JVMs in different time zones agree on them.
CREATE TABLE LR_RUN_LEASE (
    JOB_NAME     VARCHAR(200) NOT NULL,
    TOKEN        VARCHAR(36)  NOT NULL,
    RUN_ID       VARCHAR(64),
    HOST         VARCHAR(255) NOT NULL,
    PID          BIGINT       NOT NULL,
    ACQUIRED_AT  BIGINT       NOT NULL,
    RENEWED_AT   BIGINT       NOT NULL,
    EXPIRES_AT   BIGINT       NOT NULL,
    CONSTRAINT LR_RUN_LEASE_PK PRIMARY KEY (JOB_NAME)
);
