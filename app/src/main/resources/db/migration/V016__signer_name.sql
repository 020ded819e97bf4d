-- A signature keeps the name its signer had when signing (issue 12, item 8): pages and PDFs once
-- looked the name up anew, so a user who renamed themselves rewrote their earlier signatures.
-- Rows signed before this keep the name their signer has now, once.
alter table inbox_task add column completed_by_name varchar(200);
update inbox_task set completed_by_name = (select u.display_name from app_user u where u.username = inbox_task.completed_by)
where completed_by is not null;
