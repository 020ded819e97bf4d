-- DEMO DATA (./run.sh only): last year's batch and the rotations it approved, serving this school year
-- (2026-09-01 to 2027-07-15), and 张伟's three years at 牛泉镇中心小学 (2023-2026) with their annual
-- assessments, as a bureau would carry them over from before Jiaoliu (approved, credited, no archived
-- PDF and no process instance).

insert into rotation_batch (district_code, name, opens_on, closes_on, period_starts, period_ends, status)
values ('LC', '2026学年城乡教师交流', date '2026-03-01', date '2026-06-30', date '2026-09-01', date '2027-07-15', 'CLOSED'),
       ('LC', '2023学年城乡教师交流（三年期）', date '2023-03-01', date '2023-06-30', date '2023-09-01', date '2026-07-15', 'CLOSED');

insert into rotation_application (teacher_username, teacher_name, home_school_code, target_school_code, district_code,
  batch_id, direction, post, subject, period_start, period_end, years_of_service, reasons, status, request_token,
  created_at, updated_at, version)
select h.username, h.name, h.home, h.target, 'LC', b.id, h.direction, h.post, h.subject, h.starts, h.ends, h.years,
       h.reasons, 'APPROVED', 'demo-history-' || h.username, h.applied_at, h.applied_at, 0
from (values
    ('demo.hist.zhou', '周晓燕', 'LC-U01', 'LC-R01', 'URBAN_TO_RURAL', 'TEACHER', '语文', date '2026-09-01', date '2027-07-15', 15, '支教一年，带动乡镇学校语文教研。', '2026学年城乡教师交流', timestamp with time zone '2026-03-10 09:00:00+08:00'),
    ('demo.hist.wu', '吴磊', 'LC-U01', 'LC-R03', 'URBAN_TO_RURAL', 'TEACHER', '数学', date '2026-09-01', date '2027-07-15', 18, '到村小支教数学。', '2026学年城乡教师交流', timestamp with time zone '2026-03-12 10:00:00+08:00'),
    ('demo.hist.qian', '钱进', 'LC-U02', 'LC-R02', 'URBAN_TO_RURAL', 'TEACHER', '数学', date '2026-09-01', date '2027-07-15', 9, '支教一年。', '2026学年城乡教师交流', timestamp with time zone '2026-03-15 11:00:00+08:00'),
    ('demo.hist.sun', '孙海涛', 'LC-U02', 'LC-R02', 'URBAN_TO_RURAL', 'TEACHER', '英语', date '2026-10-15', date '2027-07-15', 10, '支教，十月中旬到岗。', '2026学年城乡教师交流', timestamp with time zone '2026-04-02 14:00:00+08:00'),
    ('demo.hist.cao', '曹阳', 'LC-U03', 'LC-R04', 'URBAN_TO_RURAL', 'VICE_PRINCIPAL', '语文', date '2026-09-01', date '2027-07-15', 6, '挂职副校长一年。', '2026学年城乡教师交流', timestamp with time zone '2026-04-08 09:30:00+08:00'),
    ('demo.hist.guo', '郭小红', 'LC-R01', 'LC-U01', 'RURAL_TO_URBAN', 'TEACHER', '语文', date '2026-09-01', date '2027-01-20', 7, '到城区学校跟岗学习一学期。', '2026学年城乡教师交流', timestamp with time zone '2026-04-20 16:00:00+08:00'),
    ('teacher.zhang', '张伟', 'LC-U01', 'LC-R01', 'URBAN_TO_RURAL', 'TEACHER', '数学', date '2023-09-01', date '2026-07-15', 9, '到乡镇学校支教三年。', '2023学年城乡教师交流（三年期）', timestamp with time zone '2023-03-20 09:00:00+08:00')
  ) as h(username, name, home, target, direction, post, subject, starts, ends, years, reasons, batch, applied_at)
  join rotation_batch b on b.district_code = 'LC' and b.name = h.batch;

-- the subsidy as the subsidy-tier decision gives it: the receiving school's remoteness tier 1, 2, 3 →
-- 400, 450, 600 yuan a month; nothing for rural teachers learning at an urban school
insert into assignment (application_id, teacher_username, teacher_name, dispatching_school_code, receiving_school_code,
  batch_id, direction, post, starts_on, ends_on, monthly_subsidy, created_at)
select a.id, a.teacher_username, a.teacher_name, a.home_school_code, a.target_school_code, a.batch_id, a.direction,
       a.post, a.period_start, a.period_end,
       case s.remoteness_tier when 1 then 400 when 2 then 450 when 3 then 600 else 0 end, a.created_at
from rotation_application a join school s on s.code = a.target_school_code
where a.request_token like 'demo-history-%';

insert into assessment_round (district_code, school_year, opened_at, opened_by) values
  ('LC', '2023-2024', timestamp with time zone '2024-06-20 09:00:00+08:00', 'office.chen'),
  ('LC', '2024-2025', timestamp with time zone '2025-06-20 09:00:00+08:00', 'office.chen'),
  ('LC', '2025-2026', timestamp with time zone '2026-06-20 09:00:00+08:00', 'office.chen');

insert into annual_assessment (round_id, assignment_id, teacher_username, teacher_name, dispatching_school_code,
  receiving_school_code, district_code, school_year, status, self_evaluation, demonstration_classes,
  research_activities, pupils_taught, grade, created_at, updated_at, version)
select r.id, x.id, x.teacher_username, x.teacher_name, x.dispatching_school_code, x.receiving_school_code, 'LC',
       g.school_year, 'ARCHIVED', g.evaluation, g.classes, g.research, g.pupils, g.grade, r.opened_at, r.opened_at, 0
from (values
    ('2023-2024', 'QUALIFIED', '第一年主要承担四年级数学教学，参加镇教研活动。', 4, 6, 42),
    ('2024-2025', 'EXCELLENT', '所带班级数学成绩提升明显，牵头组织同课异构。', 6, 9, 45),
    ('2025-2026', 'QUALIFIED', '完成三年支教任务，整理校本练习册。', 5, 7, 40)
  ) as g(school_year, grade, evaluation, classes, research, pupils)
  join assessment_round r on r.district_code = 'LC' and r.school_year = g.school_year
  join assignment x on x.teacher_username = 'teacher.zhang' and x.starts_on = date '2023-09-01';

insert into rural_service_credit (teacher_username, assessment_id, school_year, grade, credited_at)
select teacher_username, id, school_year, grade, updated_at from annual_assessment
where teacher_username = 'teacher.zhang' and school_year in ('2023-2024', '2024-2025', '2025-2026');
