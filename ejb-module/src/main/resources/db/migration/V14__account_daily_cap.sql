-- An account's own daily posting cap, overriding its platform's (the registry's daily-cap) for the scheduling planner,
-- the available-slot answers and the warnings on explicit schedules. Null: the platform's cap holds.
alter table connected_accounts add column daily_cap integer check (daily_cap between 1 and 100);
