-- The savings of a nightly run (issue 13), keyed like the other outputs by job, run and row number.
-- Money: a unit price has at most 12 digits before the decimal mark; times an int count of seats
-- (10 digits) and the 36 months of a three-year term, 24 digits before it.

-- surplus.csv: per subscription that provides seats, the seats nobody holds and what cutting saves.
CREATE TABLE LR_SURPLUS (
    JOB_NAME         VARCHAR(200) NOT NULL,
    RUN_ID           VARCHAR(64)  NOT NULL,
    SEQ              INT          NOT NULL,
    SKU              VARCHAR(100) NOT NULL,
    PRODUCT          VARCHAR(400),
    SUBSCRIPTION_ID  VARCHAR(100),
    STATUS           VARCHAR(20)  NOT NULL,
    TERM             VARCHAR(10),
    RENEWAL_DATE     VARCHAR(10),
    AUTO_RENEW       VARCHAR(5),
    TRIAL            VARCHAR(5)   NOT NULL,
    QUANTITY         INT          NOT NULL,
    UNUSED           INT          NOT NULL,
    CUT              INT          NOT NULL,
    CUT_BEFORE       VARCHAR(10),
    LAPSING          INT          NOT NULL,
    UNCOVERED        INT          NOT NULL,
    PURCHASERS       VARCHAR(4000),
    UNIT_PRICE       DECIMAL(14, 2),
    CURRENCY         VARCHAR(10),
    SAVING_PER_TERM  DECIMAL(26, 2),
    SAVING_PER_YEAR  DECIMAL(26, 2),
    CALLOUT          VARCHAR(20),
    NOTE             VARCHAR(4000),
    CONSTRAINT LR_SURPLUS_PK PRIMARY KEY (JOB_NAME, RUN_ID, SEQ)
) ENGINE=InnoDB;

-- recommendations.csv: a license a user can do without (OVERLAP: another license of the user gives
-- every enabled service of it). SAVING is its unit price, a month.
CREATE TABLE LR_RECOMMENDATION (
    JOB_NAME   VARCHAR(200) NOT NULL,
    RUN_ID     VARCHAR(64)  NOT NULL,
    SEQ        INT          NOT NULL,
    CODE       VARCHAR(20)  NOT NULL,
    USER_UPN   VARCHAR(400) NOT NULL,
    SKU        VARCHAR(100) NOT NULL,
    KEEP_SKU   VARCHAR(100) NOT NULL,
    SAVING     DECIMAL(14, 2),
    CURRENCY   VARCHAR(10),
    REASON     VARCHAR(4000),
    CONSTRAINT LR_RECOMMENDATION_PK PRIMARY KEY (JOB_NAME, RUN_ID, SEQ)
) ENGINE=InnoDB;

-- costs.csv: the monthly cost of the licenses held after the run, per department, usage location
-- and product (DIMENSION), one row per currency; unpriced licenses in a row without currency.
CREATE TABLE LR_COST (
    JOB_NAME      VARCHAR(200) NOT NULL,
    RUN_ID        VARCHAR(64)  NOT NULL,
    SEQ           INT          NOT NULL,
    DIMENSION     VARCHAR(20)  NOT NULL,
    GROUP_KEY     VARCHAR(400),
    LICENSES      INT          NOT NULL,
    CURRENCY      VARCHAR(10),
    MONTHLY_COST  DECIMAL(24, 2),
    CONSTRAINT LR_COST_PK PRIMARY KEY (JOB_NAME, RUN_ID, SEQ)
) ENGINE=InnoDB;
