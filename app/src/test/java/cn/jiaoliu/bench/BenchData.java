package cn.jiaoliu.bench;

/**
 * Data the benchmarks need at a scale no flow could produce in a run, written straight into the
 * app's PostgreSQL schema with {@code generate_series}: rows shaped exactly as the app writes them.
 */
final class BenchData {

  private BenchData() {}

  /**
   * B3: district {@code BM} with 20 urban and 20 rural schools, an approved application and an
   * assignment active in school year 2025-2026 (served: its round may open) for each of {@code n} teachers.
   */
  static String[] yearEndDistrict(int n) {
    return new String[] {
        "insert into district (code, name) values ('BM', '压测区')",
        """
        insert into school (code, name, district_code, area_type, remoteness_tier, pupils)
        select 'BM-U' || lpad(g::text, 3, '0'), '压测城区学校' || g, 'BM', 'URBAN', 0, 1500 from generate_series(1, 20) g
        union all
        select 'BM-R' || lpad(g::text, 3, '0'), '压测乡村学校' || g, 'BM', 'TOWNSHIP', 1, 400 from generate_series(1, 20) g""",
        """
        insert into rotation_batch (district_code, name, opens_on, closes_on, period_starts, period_ends, status)
        values ('BM', '压测批次', date '2024-11-01', date '2025-06-30', date '2025-09-01', date '2026-07-31', 'CLOSED')""",
        """
        insert into rotation_application (teacher_username, teacher_name, home_school_code, target_school_code, district_code,
          batch_id, direction, post, subject, period_start, period_end, years_of_service, reasons, status,
          process_instance_key, request_token, created_at, updated_at, version)
        select 'bench.y' || lpad(g::text, 5, '0'), '压测教师' || g, 'BM-U' || lpad((g %% 20 + 1)::text, 3, '0'),
          'BM-R' || lpad((g %% 20 + 1)::text, 3, '0'), 'BM', (select id from rotation_batch where district_code = 'BM'),
          'URBAN_TO_RURAL', 'TEACHER', '数学', date '2025-09-01', date '2026-07-31', 8, '压测', 'APPROVED',
          -g, 'bench-y-' || g, now(), now(), 1
        from generate_series(1, %d) g""".formatted(n),
        """
        insert into assignment (application_id, teacher_username, teacher_name, dispatching_school_code, receiving_school_code,
          batch_id, direction, post, starts_on, ends_on, monthly_subsidy, created_at)
        select a.id, a.teacher_username, a.teacher_name, a.home_school_code, a.target_school_code, a.batch_id, a.direction,
          a.post, a.period_start, a.period_end, 400, now()
        from rotation_application a where a.district_code = 'BM'""",
        "analyze"
    };
  }

  static final int B2_DISTRICTS = 50;
  static final int B2_SCHOOLS_PER_SIDE = 20;

  /**
   * B2: a province of {@code 50} districts × 40 schools; {@code open} applications each waiting at
   * one of the three human steps (an open task), {@code completedApplications} approved ones with
   * three completed tasks each. Candidate rows as the app writes them.
   */
  static String[] province(int open, int completedApplications) {
    String school = "'PD' || lpad(((g %% %d) + 1)::text, 2, '0') || '-%s' || lpad((((g / %d) %% %d) + 1)::text, 2, '0')";
    String home = school.formatted(B2_DISTRICTS, "U", B2_DISTRICTS, B2_SCHOOLS_PER_SIDE);
    String target = school.formatted(B2_DISTRICTS, "R", B2_DISTRICTS, B2_SCHOOLS_PER_SIDE);
    String district = "'PD' || lpad(((g % " + B2_DISTRICTS + ") + 1)::text, 2, '0')";
    int total = open + completedApplications;
    return new String[] {
        "insert into district (code, name) select 'PD' || lpad(d::text, 2, '0'), '省内区县' || d from generate_series(1, "
            + B2_DISTRICTS + ") d",
        """
        insert into school (code, name, district_code, area_type, remoteness_tier, pupils)
        select 'PD' || lpad(d::text, 2, '0') || '-' || side || lpad(s::text, 2, '0'), '省内学校' || d || side || s,
          'PD' || lpad(d::text, 2, '0'), case side when 'U' then 'URBAN' else 'TOWNSHIP' end,
          case side when 'U' then 0 else 1 end, 800
        from generate_series(1, %d) d, generate_series(1, %d) s, (values ('U'), ('R')) as sides(side)"""
            .formatted(B2_DISTRICTS, B2_SCHOOLS_PER_SIDE),
        """
        insert into rotation_batch (district_code, name, opens_on, closes_on, period_starts, period_ends, status)
        select code, '2027学年第一批', date '2026-11-01', date '2027-06-30', date '2027-09-01', date '2028-07-31', 'OPEN'
        from district where code like 'PD%'""",
        "create temporary table bench_app as select g, " + home + " as home, " + target + " as target, " + district
            + " as district from generate_series(1, " + total + ") g",
        """
        insert into rotation_application (teacher_username, teacher_name, home_school_code, target_school_code, district_code,
          batch_id, direction, post, subject, period_start, period_end, years_of_service, reasons, status,
          process_instance_key, request_token, created_at, updated_at, version)
        select 'prov.t' || g, '省内教师' || g, home, target, district, b.id, 'URBAN_TO_RURAL', 'TEACHER', '数学',
          date '2027-09-01', date '2028-07-31', 8, '压测',
          case when g <= %d then (array['AWAITING_OPINION', 'AWAITING_ACCEPTANCE', 'AWAITING_APPROVAL'])[g %% 3 + 1] else 'APPROVED' end,
          -1000000 - g, 'prov-' || g, now() - (g %% 1000) * interval '1 hour', now(), 1
        from bench_app join rotation_batch b on b.district_code = bench_app.district""".formatted(open),
        // open tasks: one per open application, at its step; completed: the three steps of the others
        """
        insert into inbox_task (job_key, process_instance_key, element_instance_key, bpmn_process_id, element_id, variables,
          status, due_at, created_at, checked_at, closed_at, completed_by, submission, version, subject_type, subject_id)
        select -a.id * 4 - s.step, a.process_instance_key, -a.id * 4 - s.step, 'rotation-application', s.element,
          '{"applicationId":' || a.id || ',"teacherUsername":"' || a.teacher_username || '","homeSchoolCode":"' || a.home_school_code
            || '","targetSchoolCode":"' || a.target_school_code || '","districtCode":"' || a.district_code
            || '","deadlines":{"signOpinion":"P5D","reviseApplication":"P7D","acceptTeacher":"P5D","approveApplication":"P7D","reminderLead":"P1D"}}',
          case when a.status = 'APPROVED' then 'COMPLETED' else 'OPEN' end,
          a.created_at + (s.step * 5 + (a.id %% 7)) * interval '1 day', a.created_at, now(),
          case when a.status = 'APPROVED' then a.created_at + s.step * interval '1 day' end,
          case when a.status = 'APPROVED' then 'prov.reviewer' || s.step end,
          case when a.status = 'APPROVED' then '{"decision":"APPROVE","comment":"同意"}' end,
          1, 'APPLICATION', a.id
        from rotation_application a
          join (values (1, 'Task_SignOpinion', 'AWAITING_OPINION'), (2, 'Task_AcceptTeacher', 'AWAITING_ACCEPTANCE'),
                       (3, 'Task_ApproveApplication', 'AWAITING_APPROVAL')) as s(step, element, waiting)
            on a.status = 'APPROVED' or a.status = s.waiting
        where a.district_code like 'PD%%'""".formatted(),
        """
        insert into inbox_task_candidate (task_id, task_open, candidate)
        select t.id, t.status = 'OPEN', case t.element_id
            when 'Task_SignOpinion' then 'group:principal:' || a.home_school_code
            when 'Task_AcceptTeacher' then 'group:principal:' || a.target_school_code
            else 'group:teaching-office:' || a.district_code end
        from inbox_task t join rotation_application a on t.subject_type = 'APPLICATION' and a.id = t.subject_id
        where a.district_code like 'PD%'""",
        "drop table bench_app",
        "analyze"
    };
  }
}
