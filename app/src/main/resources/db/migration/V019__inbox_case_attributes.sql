-- The inbox files each task under its case's batch, schools and direction when the task arrives
-- (supplied by the process's TaskSubjectProvider), so that it filters without reading another
-- feature's tables, and can filter tasks of processes it does not know.
alter table inbox_task add column batch_id bigint;
alter table inbox_task add column home_school_code varchar(32);
alter table inbox_task add column target_school_code varchar(32);
alter table inbox_task add column direction varchar(32);

update inbox_task set
  batch_id = (select a.batch_id from rotation_application a where a.id = inbox_task.subject_id),
  home_school_code = (select a.home_school_code from rotation_application a where a.id = inbox_task.subject_id),
  target_school_code = (select a.target_school_code from rotation_application a where a.id = inbox_task.subject_id),
  direction = (select a.direction from rotation_application a where a.id = inbox_task.subject_id)
where subject_type = 'APPLICATION';

update inbox_task set
  home_school_code = (select s.dispatching_school_code from annual_assessment s where s.id = inbox_task.subject_id),
  target_school_code = (select s.receiving_school_code from annual_assessment s where s.id = inbox_task.subject_id)
where subject_type = 'ASSESSMENT';
