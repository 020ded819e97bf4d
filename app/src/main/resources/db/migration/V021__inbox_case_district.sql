-- The inbox also files each task under its case's district: an overdue step is shown to that
-- district's teaching office, whatever the process (one escalation for every process).
alter table inbox_task add column district_code varchar(32);

update inbox_task set
  district_code = (select a.district_code from rotation_application a where a.id = inbox_task.subject_id)
where subject_type = 'APPLICATION';

update inbox_task set
  district_code = (select s.district_code from annual_assessment s where s.id = inbox_task.subject_id)
where subject_type = 'ASSESSMENT';
