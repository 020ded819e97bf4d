-- What the rotation rules need to know of each teacher (issue 17, item 1): when they joined their
-- current school (years at one school), their backbone level (骨干教师 share of a school's rotation),
-- their post (principals and vice-principals rotate after two terms), and their date of birth
-- (those near retirement are exempt). All optional: a roster imported before keeps working.
alter table teacher add column joined_school_on date;
alter table teacher add column backbone_level varchar(20);
alter table teacher add column post varchar(20);
alter table teacher add column birth_date date;
alter table teacher add constraint teacher_backbone_level
  check (backbone_level is null or backbone_level in ('DISTRICT', 'CITY', 'PROVINCE', 'SUBJECT_LEADER', 'MASTER'));
alter table teacher add constraint teacher_post
  check (post is null or post in ('TEACHER', 'MIDDLE_CADRE', 'VICE_PRINCIPAL', 'PRINCIPAL'));
