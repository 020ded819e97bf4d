-- An assessment waiting for its process instance is claimed by one starter (one app instance) at a
-- time, so that a round of thousands is started in parallel and never twice. A claim older than
-- two minutes (its instance died) is taken again.
alter table annual_assessment add column start_claimed_at timestamp with time zone;
alter table annual_assessment add column start_claim varchar(36);
create index assessment_start_pending on annual_assessment (process_instance_key, start_claimed_at);
