-- The daily retention job: one row per day it was claimed. The primary key is the claim: however many
-- instances reach the run time, one insert wins and only that instance purges.
create table retention_run (
    day         date primary key,
    started_at  timestamptz not null,
    -- stays null if the instance stopped mid-purge; nothing is lost, as the next day's purge deletes by age too
    finished_at timestamptz
);
