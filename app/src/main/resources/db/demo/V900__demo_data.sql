-- DEMO DATA: one district of the seeds (莱城区), urban and rural schools, pairings and an open batch.
-- Loaded only when spring.flyway.locations includes classpath:db/demo (the embedded default).
-- The school codes match the demo users of keycloak-config.

insert into district (code, name) values ('LC', '莱城区');

insert into school (code, name, district_code, area_type, remoteness_tier, pupils) values
  ('LC-U01', '莱城区实验小学',       'LC', 'URBAN',    0, 2860),
  ('LC-U02', '莱城区凤城中学',       'LC', 'URBAN',    0, 2140),
  ('LC-U03', '莱城区第二实验小学',   'LC', 'URBAN',    0, 1930),
  ('LC-R01', '牛泉镇中心小学',       'LC', 'TOWNSHIP', 1,  640),
  ('LC-R02', '茶业口镇中心学校',     'LC', 'TOWNSHIP', 2,  420),
  ('LC-R03', '大王庄镇下水河小学',   'LC', 'VILLAGE',  3,   86),
  ('LC-R04', '羊里镇中心小学',       'LC', 'TOWNSHIP', 1,  510);

insert into pairing (urban_school_code, rural_school_code, starts_on, ends_on, help_kinds) values
  ('LC-U01', 'LC-R01', date '2025-09-01', date '2028-08-31', 'TEACHERS,TEACHING_RESEARCH'),
  ('LC-U01', 'LC-R03', date '2025-09-01', date '2028-08-31', 'TEACHERS,MATERIALS'),
  ('LC-U02', 'LC-R02', date '2025-09-01', date '2028-08-31', 'TEACHERS,TEACHING_RESEARCH,STUDENT_EXCHANGE'),
  ('LC-U03', 'LC-R04', date '2026-09-01', date '2029-08-31', 'TEACHERS');

insert into rotation_batch (district_code, name, opens_on, closes_on, period_starts, period_ends, status) values
  ('LC', '2027学年城乡教师交流第一批', date '2026-11-01', date '2027-06-30', date '2027-09-01', date '2028-07-31', 'OPEN');
