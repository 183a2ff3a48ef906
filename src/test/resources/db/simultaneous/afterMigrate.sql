-- SimultaneousStartTest only: the run that wins holds its first result row until the test lets it go,
-- so every other process of the race has started and been refused while it runs.
CREATE TRIGGER IF NOT EXISTS LR_RESULT_HOLD BEFORE INSERT ON LR_RESULT FOR EACH ROW
    CALL 'dev.licensereconciler.cli.HoldUntilReleasedTrigger';
