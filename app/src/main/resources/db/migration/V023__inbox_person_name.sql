-- The inbox is searched by the name of the person a case is about (a clerk looks for 王芳 among 200
-- applications); like the other case attributes it is filed when the task arrives.
alter table inbox_task add column person_name varchar(100);

update inbox_task set
  person_name = (select a.teacher_name from rotation_application a where a.id = inbox_task.subject_id)
where subject_type = 'APPLICATION';

update inbox_task set
  person_name = (select s.teacher_name from annual_assessment s where s.id = inbox_task.subject_id)
where subject_type = 'ASSESSMENT';
