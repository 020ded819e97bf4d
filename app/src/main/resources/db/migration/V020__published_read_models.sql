-- Published read models: the only way one module reads what another module stores (see
-- docs/modules/read-models.md). Each view belongs to the module that owns its table; a migration that
-- changes a column a view shows drops and re-creates the view. TableOwnershipTest checks that no
-- module reads another module's tables except through these (the statistics read model aside).

-- user: who a username is
create view user_name_view as
  select username, display_name, email from app_user;

-- programme: the districts
create view district_view as
  select code, name from district;

-- application: the cases an operator follows
create view application_case_view as
  select id, teacher_name, district_code, status, home_school_code, target_school_code, process_instance_key,
         updated_at
  from rotation_application;

-- assessment: the cases an operator follows (home = dispatching, target = receiving school)
create view assessment_case_view as
  select id, teacher_name, district_code, status, dispatching_school_code as home_school_code,
         receiving_school_code as target_school_code, process_instance_key, updated_at
  from annual_assessment;

-- tasklist: the tasks of the inbox and who may take them
create view task_view as
  select id, subject_type, subject_id, element_id, status, claimed_by, created_at, due_at, escalated
  from inbox_task;

create view task_candidate_view as
  select task_id, candidate from inbox_task_candidate;
