package cn.jiaoliu.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Data the benchmarks need at a scale no flow could produce in a run, written straight into the
 * app's PostgreSQL schema with {@code generate_series}: rows shaped exactly as the app writes them
 * (every column the task intake fills: the case's batch, schools, direction, district and person,
 * the form key, the copy-to groups of an approval, the process definition).
 */
final class BenchData {

  private BenchData() {}

  /** The tables the generated cases fill, for {@code VACUUM (ANALYZE)} (never the whole database: other schemas live in it). */
  static final List<String> CASE_TABLES = List.of("district", "school", "rotation_batch", "rotation_application",
      "inbox_task", "inbox_task_candidate");
  /** The tables whose secondary indexes are dropped before a large load and built again after it. */
  static final List<String> REINDEXED_TABLES = List.of("rotation_application", "inbox_task", "inbox_task_candidate");

  /**
   * B3 and B5: a district {@code code} (two capital letters) with 100 urban and 100 rural schools,
   * an approved application and an assignment active in school year 2025-2026 (served: its round may
   * open) for each of {@code n} teachers (usernames {@code <userPrefix>000001}…, six digits). The
   * applications' instance keys are negative and unique across districts ({@code offset} apart).
   */
  static String[] yearEndDistrict(String code, String userPrefix, long offset, int n) {
    return new String[] {
        "insert into district (code, name) values ('%s', '压测区%s')".formatted(code, code),
        """
        insert into school (code, name, district_code, area_type, remoteness_tier, pupils)
        select '%1$s-U' || lpad(g::text, 3, '0'), '压测城区学校%1$s' || g, '%1$s', 'URBAN', 0, 1500 from generate_series(1, 100) g
        union all
        select '%1$s-R' || lpad(g::text, 3, '0'), '压测乡村学校%1$s' || g, '%1$s', 'TOWNSHIP', 1, 400
        from generate_series(1, 100) g""".formatted(code),
        """
        insert into rotation_batch (district_code, name, opens_on, closes_on, period_starts, period_ends, status)
        values ('%s', '压测批次', date '2024-11-01', date '2025-06-30', date '2025-09-01', date '2026-07-31', 'CLOSED')"""
            .formatted(code),
        """
        insert into rotation_application (teacher_username, teacher_name, home_school_code, target_school_code, district_code,
          batch_id, direction, post, subject, period_start, period_end, years_of_service, reasons, status,
          process_instance_key, request_token, created_at, updated_at, version)
        select '%2$s' || lpad(g::text, 6, '0'), '压测教师' || g, '%1$s-U' || lpad((g %% 100 + 1)::text, 3, '0'),
          '%1$s-R' || lpad((g %% 100 + 1)::text, 3, '0'), '%1$s', (select id from rotation_batch where district_code = '%1$s'),
          'URBAN_TO_RURAL', 'TEACHER', '数学', date '2025-09-01', date '2026-07-31', 8, '压测', 'APPROVED',
          -(g + %3$d), '%2$s-' || g, now(), now(), 1
        from generate_series(1, %4$d) g""".formatted(code, userPrefix, offset, n),
        """
        insert into assignment (application_id, teacher_username, teacher_name, dispatching_school_code, receiving_school_code,
          batch_id, direction, post, starts_on, ends_on, monthly_subsidy, created_at)
        select a.id, a.teacher_username, a.teacher_name, a.home_school_code, a.target_school_code, a.batch_id, a.direction,
          a.post, a.period_start, a.period_end, 400, now()
        from rotation_application a where a.district_code = '%s'""".formatted(code),
        "analyze district, school, rotation_batch, rotation_application, assignment"
    };
  }

  /**
   * Rotation applications of the districts {@code <prefix>01}… (each with {@code schoolsPerSide}
   * urban and as many rural schools, this year's batch (open) and last year's (closed)) and their
   * human steps in the inbox.
   *
   * <ul>
   *   <li>{@code open} applications each wait at one human step (an open task) and have completed
   *       the steps before it (one completed task on average); {@code completedApplications} are
   *       approved, with three completed tasks each. Open and approved applications are
   *       interleaved evenly in id order (the inbox's rows are not one block of pages).
   *   <li>The open ones wait at the three steps in turn ({@code approvalsOnly}: all at the
   *       office's approval), 90 % in this year's batch; 20 % of all go from a rural school to an
   *       urban one; an open task arrived between now and 1.1 times its step's deadline ago, so
   *       about 9 % are overdue, and an overdue principal's step is escalated (its district's
   *       office is a candidate too, as the deadline timer makes it).
   *   <li>Candidate rows as the intake writes them, {@code task_open} as the status changes keep
   *       it.
   * </ul>
   *
   * <p>Attributes come from a hash of the row number, so two runs write the same data.
   */
  record Cases(String prefix, int districts, int schoolsPerSide, long open, long completedApplications,
      boolean approvalsOnly, long keyOffset) {

    long applications() {
      return open + completedApplications;
    }

    String[] statements() {
      Map<String, String> values = Map.of(
          "${prefix}", prefix,
          "${districts}", Integer.toString(districts),
          "${schools}", Integer.toString(schoolsPerSide),
          "${open}", Long.toString(open),
          "${total}", Long.toString(applications()),
          "${keyOffset}", Long.toString(keyOffset),
          "${user}", prefix.toLowerCase(Locale.ROOT),
          "${stepOf}", approvalsOnly ? "3" : "(k % 3) + 1");
      List<String> statements = new ArrayList<>();
      for (String sql : List.of(DISTRICTS, SCHOOLS, BATCHES, APPLICATIONS, TASKS, CANDIDATES, ESCALATED_CANDIDATES)) {
        for (var value : values.entrySet()) {
          sql = sql.replace(value.getKey(), value.getValue());
        }
        statements.add(sql);
      }
      return statements.toArray(String[]::new);
    }
  }

  private static final String DISTRICTS = """
      insert into district (code, name)
      select '${prefix}' || lpad(d::text, 2, '0'), '省内区县${prefix}' || d from generate_series(1, ${districts}) d""";

  private static final String SCHOOLS = """
      insert into school (code, name, district_code, area_type, remoteness_tier, pupils)
      select '${prefix}' || lpad(d::text, 2, '0') || '-' || side || lpad(s::text, 2, '0'), '省内学校${prefix}' || d || side || s,
        '${prefix}' || lpad(d::text, 2, '0'), case side when 'U' then 'URBAN' else 'TOWNSHIP' end,
        case side when 'U' then 0 else 1 end, 800
      from generate_series(1, ${districts}) d, generate_series(1, ${schools}) s, (values ('U'), ('R')) as sides(side)""";

  private static final String BATCHES = """
      insert into rotation_batch (district_code, name, opens_on, closes_on, period_starts, period_ends, status)
      select d.code, b.name, b.opens_on, b.closes_on, b.period_starts, b.period_ends, b.status
      from district d cross join (values
          (1, '2026学年第一批', date '2025-11-01', date '2026-06-30', date '2026-09-01', date '2027-07-31', 'CLOSED'),
          (2, '2027学年第一批', date '2026-11-01', date '2027-06-30', date '2027-09-01', date '2028-07-31', 'OPEN'))
        as b(n, name, opens_on, closes_on, period_starts, period_ends, status)
      where d.code like '${prefix}%'
      order by d.code, b.n""";

  /**
   * Row {@code g} is open when {@code floor(g·open/total)} steps up at {@code g}: exactly
   * {@code open} of them, evenly spread; {@code k} is then its rank among the open ones, and
   * {@code g − k} an approved one's rank among the approved. The districts take the open and the
   * approved ones in turn by rank (by {@code g} alone, a ratio of 4 would leave every other district
   * without open tasks), the open ones' steps likewise.
   */
  private static final String APPLICATIONS = """
      insert into rotation_application (teacher_username, teacher_name, home_school_code, target_school_code, district_code,
        batch_id, direction, post, subject, period_start, period_end, years_of_service, reasons, status, current_step,
        process_instance_key, request_token, created_at, updated_at, version)
      select 'prov.${user}.' || g, '省内教师' || g,
        district || '-' || case when rural_to_urban then 'R' || rural else 'U' || urban end,
        district || '-' || case when rural_to_urban then 'U' || urban else 'R' || rural end,
        district, case when (open and h / 2000 % 10 <> 0) or (not open and h / 2000 % 4 = 0) then b.cur[d] else b.prev[d] end,
        case when rural_to_urban then 'RURAL_TO_URBAN' else 'URBAN_TO_RURAL' end, 'TEACHER', '数学',
        date '2027-09-01', date '2028-07-31', 8, '压测',
        case when open then (array['AWAITING_OPINION', 'AWAITING_ACCEPTANCE', 'AWAITING_APPROVAL'])[step] else 'APPROVED' end,
        case when open then (array['Task_SignOpinion', 'Task_AcceptTeacher', 'Task_ApproveApplication'])[step] end,
        -${keyOffset} - g, 'prov-${prefix}-' || g,
        case when open
          then now() - (array[5, 5, 7])[step] * 1.1 * (h / 7 % 10000) / 10000.0 * interval '1 day'
               - (step - 1) * interval '1 day' - interval '2 hours'
          else now() - interval '10 days' - (h / 13 % 26280) * interval '1 hour' end,
        now(), 1
      from (
        select g, open, d, '${prefix}' || lpad(d::text, 2, '0') as district, ${stepOf} as step, h, h % 5 = 0 as rural_to_urban,
          lpad((h / 5 % ${schools} + 1)::text, 2, '0') as urban, lpad((h / 100 % ${schools} + 1)::text, 2, '0') as rural
        from (select g, k, open, h, (case when open then k else g - k end) % ${districts} + 1 as d
              from (select g, g * ${open} / ${total} as k, (g * ${open} / ${total}) <> ((g - 1) * ${open} / ${total}) as open,
                      hashint8(g) :: bigint & 2147483647 as h
                    from generate_series(1::bigint, ${total}) g) numbered) ranked) x
      cross join (select array_agg(id order by district_code) filter (where status = 'OPEN') as cur,
                         array_agg(id order by district_code) filter (where status = 'CLOSED') as prev
                  from rotation_batch where district_code like '${prefix}%') b""";

  /**
   * The steps an application has reached: the ones before its current step completed, its current
   * one open (all three completed when approved). Each step arrived a day after the one before.
   */
  private static final String TASKS = """
      insert into inbox_task (job_key, process_instance_key, element_instance_key, bpmn_process_id, element_id, form_key,
        variables, status, due_at, created_at, checked_at, closed_at, completed_by, completed_by_name, submission,
        completion_attempts, version, subject_type, subject_id, escalated, batch_id, home_school_code, target_school_code,
        direction, district_code, person_name, copy_to, process_definition_key)
      select a.process_instance_key * 4 - s.step, a.process_instance_key, a.process_instance_key * 4 - s.step,
        'rotation-application', s.element, s.form,
        '{"applicationId":' || a.id || ',"teacherUsername":"' || a.teacher_username || '","homeSchoolCode":"'
          || a.home_school_code || '","targetSchoolCode":"' || a.target_school_code || '","districtCode":"' || a.district_code
          || '","deadlines":{"signOpinion":"P5D","reviseApplication":"P7D","acceptTeacher":"P5D","approveApplication":"P7D","reminderLead":"P1D"}'
          || ',"facts":{"batchOpen":true,"hasActiveRotation":false,"hasOtherOpenApplication":false,"paired":true,"quotaLeft":25,'
          || '"yearsOfService":8,"minYearsOfService":3,"remotenessTier":1},"ineligibleReasons":[]'
          || case s.step when 1 then '' when 2 then ',"opinionDecision":"APPROVE"'
               else ',"opinionDecision":"APPROVE","acceptanceDecision":"ACCEPT"' end || '}',
        case when s.step < c.current then 'COMPLETED' else 'OPEN' end,
        t.arrived + s.days * interval '1 day', t.arrived, now(),
        case when s.step < c.current then t.arrived + interval '18 hours' end,
        case when s.step < c.current then case s.step when 1 then 'prov.p.' || a.home_school_code
          when 2 then 'prov.p.' || a.target_school_code else 'prov.o.' || a.district_code end end,
        case when s.step < c.current then case s.step when 3 then '压测教育局' else '压测校长' end end,
        case when s.step < c.current then '{"decision":"' || case s.step when 2 then 'ACCEPT' else 'APPROVE' end
          || '","comment":"同意"}' end,
        case when s.step < c.current then 1 else 0 end, 0, 'APPLICATION', a.id,
        s.step < 3 and s.step = c.current and t.arrived + s.days * interval '1 day' < now(),
        a.batch_id, a.home_school_code, a.target_school_code, a.direction, a.district_code, a.teacher_name,
        case when s.step = 3 then 'principal:' || a.home_school_code || ',principal:' || a.target_school_code end,
        2251799813685249
      from rotation_application a
        cross join lateral (select case a.status when 'AWAITING_OPINION' then 1 when 'AWAITING_ACCEPTANCE' then 2
          when 'AWAITING_APPROVAL' then 3 else 4 end as current) c
        join (values (1, 'Task_SignOpinion', 'sign-opinion', 5), (2, 'Task_AcceptTeacher', 'accept-teacher', 5),
                     (3, 'Task_ApproveApplication', 'approve-application', 7)) as s(step, element, form, days)
          on s.step <= least(c.current, 3)
        cross join lateral (select a.created_at + (s.step - 1) * interval '1 day' + interval '2 hours' as arrived) t
      where a.district_code like '${prefix}%'""";

  private static final String CANDIDATES = """
      insert into inbox_task_candidate (task_id, task_open, candidate)
      select t.id, t.status = 'OPEN', case t.element_id
          when 'Task_SignOpinion' then 'group:principal:' || t.home_school_code
          when 'Task_AcceptTeacher' then 'group:principal:' || t.target_school_code
          else 'group:teaching-office:' || t.district_code end
      from inbox_task t where t.district_code like '${prefix}%'""";

  private static final String ESCALATED_CANDIDATES = """
      insert into inbox_task_candidate (task_id, task_open, candidate)
      select t.id, true, 'group:teaching-office:' || t.district_code
      from inbox_task t where t.district_code like '${prefix}%' and t.escalated""";
}
