-- A corrected version of an archived record names why and by whom (the first version has neither).
alter table assessment_archive add column reason varchar(1000);
alter table assessment_archive add column corrected_by varchar(100);
