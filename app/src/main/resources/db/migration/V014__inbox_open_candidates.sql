-- Whether a candidate row's task is open, kept beside the candidate: an inbox lists the user's open
-- tasks through the index below and no longer wades through every completed task the user's group
-- ever had (a district office: thousands a year). The task's own status stays the truth; the
-- queries check both.
alter table inbox_task_candidate add column task_open boolean not null default true;
update inbox_task_candidate set task_open = false
  where task_id in (select id from inbox_task where status <> 'OPEN');
create index inbox_task_candidate_open on inbox_task_candidate (candidate, task_open, task_id);
drop index inbox_task_candidate_by_candidate;
