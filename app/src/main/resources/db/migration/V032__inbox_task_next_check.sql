-- When the reconciler next asks the engine about an open task (and renews its hold): a minute after
-- the last check for most, an hour for the steps only the app can end (tasklist.TaskReconciler).
alter table inbox_task add column next_check_at timestamp with time zone default current_timestamp not null;
update inbox_task set next_check_at = checked_at;
create index inbox_task_next_check on inbox_task (status, next_check_at);
