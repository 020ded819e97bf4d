-- Automated steps (service-task jobs of the app's job workers) that failed, as the app saw them:
-- the engine's broker keeps no queryable record of incidents here (no Operate, no exporter), so the
-- job workers' exception handling writes one row per job key. A row is OPEN while the step keeps
-- failing (retries_left = 0 is an incident); RETRYING while an administrator's retry is being sent;
-- RETRIED once the engine has been told to run the step again (a new job, with a new key, follows);
-- RESOLVED when the job later completed; GONE when the engine no longer has the step (its instance
-- was cancelled or moved on).
create table job_failure (
  job_key              bigint primary key,
  job_type             varchar(100) not null,
  bpmn_process_id      varchar(100) not null,
  process_instance_key bigint not null,
  element_instance_key bigint not null,
  element_id           varchar(100) not null,
  error_message        varchar(2000) not null,
  attempts             integer not null,
  retries_left         integer not null,
  first_failed_at      timestamp with time zone not null,
  last_failed_at       timestamp with time zone not null,
  status               varchar(16) not null,
  status_changed_at    timestamp with time zone not null,
  retried_by           varchar(100),
  checked_at           timestamp with time zone not null,
  constraint job_failure_status check (status in ('OPEN', 'RETRYING', 'RETRIED', 'RESOLVED', 'GONE'))
);
create index job_failure_open on job_failure (status, last_failed_at);
create index job_failure_instance on job_failure (process_instance_key);
create index ops_application_instance on rotation_application (process_instance_key);
create index ops_assessment_instance on annual_assessment (process_instance_key);
