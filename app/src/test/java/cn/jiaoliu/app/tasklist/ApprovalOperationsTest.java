package cn.jiaoliu.app.tasklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.jiaoliu.app.notification.NotificationService;
import cn.jiaoliu.app.security.CandidateKey;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import cn.jiaoliu.app.web.UserFacingException;
import cn.jiaoliu.processes.CandidateGroups;
import cn.jiaoliu.processes.ProcessIds;
import cn.jiaoliu.processes.application.ApplicationProcess;
import cn.jiaoliu.testsupport.TestDatabase;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The approval operations of the inbox on a real database, each with its refusals: urging once a
 * day by the owner or the office, handing over within the school, a deputy signing in the
 * delegator's name only within the dates, an opinion the step waits for, a copy that lets its
 * recipient read the case and nothing more. Scope: a person of another school or district can
 * neither do it nor see it. (Taking back needs the engine: {@code ApprovalOperationsIT}.)
 */
@SpringBootTest
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestDatabase.class)
class ApprovalOperationsTest {

  @Autowired JdbcClient jdbc;
  @Autowired TaskService tasks;
  @Autowired Urging urging;
  @Autowired Handover handover;
  @Autowired Delegations delegations;
  @Autowired Consultations consultations;
  @Autowired CaseCopies copies;
  @Autowired CaseReaders readers;
  @Autowired NotificationService notifications;
  @Autowired ZoneId zone;
  @Autowired OpinionPhrases phrases;
  @Autowired ApplicationEventPublisher events;

  @Test
  void theApplicantUrgesTheHoldersOnceADayAndOutsidersCannot() {
    Case c = newCase();
    JiaoliuUser principal = principal("p" + c.token(), c.home(), c, "王芳");
    long task = task(c, ApplicationProcess.TASK_SIGN_OPINION, CandidateKey.group(CandidateGroups.principalOf(c.home())));

    assertThat(urging.urge(c.teacher(), task)).containsExactly(principal.username());
    assertThat(notifications.latest(principal.username(), 5)).singleElement()
        .satisfies(n -> assertThat(n.link()).isEqualTo("/tasks/" + task));
    assertThat(audit(c, "TASK_URGED")).isEqualTo(1);
    assertRefused(() -> urging.urge(c.teacher(), task), "urge.onceADay");

    Case other = newCase();
    JiaoliuUser outsider = teacher(other);
    assertRefused(() -> urging.urge(outsider, task), "error.notFound");
    JiaoliuUser otherOffice = office("o" + other.token(), other);
    assertRefused(() -> urging.urge(otherOffice, task), "error.notFound");
    // the holder does not urge themselves
    assertRefused(() -> urging.urge(principal, task), "error.forbidden");
    assertThat(audit(c, "TASK_URGED")).isEqualTo(1);
  }

  @Test
  void theHolderHandsTheStepToAColleagueOfTheSameSchoolOnly() {
    Case c = newCase();
    JiaoliuUser wang = principal("w" + c.token(), c.home(), c, "王芳");
    JiaoliuUser li = principal("l" + c.token(), c.home(), c, "李明");
    JiaoliuUser target = principal("x" + c.token(), c.target(), c, "别校校长");
    long task = task(c, ApplicationProcess.TASK_SIGN_OPINION, CandidateKey.group(CandidateGroups.principalOf(c.home())));

    assertThat(handover.possibleHolders(wang, tasks.get(wang, task))).extracting(u -> u.username())
        .containsExactly(li.username());
    assertRefused(() -> handover.transfer(wang, task, target.username(), "他更了解"), "transfer.outOfScope");
    assertRefused(() -> handover.transfer(wang, task, li.username(), " "), "transfer.reasonRequired");
    assertRefused(() -> handover.transfer(target, task, li.username(), "越权"), "error.notFound");

    handover.transfer(wang, task, li.username(), "本周外出");
    assertThat(tasks.open(li)).extracting(TaskView::id).contains(task);
    assertThat(tasks.open(wang)).extracting(TaskView::id).doesNotContain(task);
    assertThat(notifications.latest(li.username(), 5)).anySatisfy(n -> assertThat(n.link()).isEqualTo("/tasks/" + task));
    assertThat(audit(c, "TASK_TRANSFERRED")).isEqualTo(1);
  }

  @Test
  void aDeputySignsInTheDelegatorsNameOnlyWithinTheDates() {
    Case c = newCase();
    JiaoliuUser wang = principal("w" + c.token(), c.home(), c, "王芳");
    JiaoliuUser li = principal("l" + c.token(), c.home(), c, "李明");
    JiaoliuUser target = principal("x" + c.token(), c.target(), c, "别校校长");
    LocalDate today = LocalDate.now(zone);
    // handed to Wang personally: only Wang (and a deputy) sees it
    long task = task(c, ApplicationProcess.TASK_SIGN_OPINION, CandidateKey.user(wang.username()));

    assertRefused(() -> delegations.create(wang, target.username(), today, today.plusDays(3), "外出"),
        "delegation.deputyOutOfScope");
    assertRefused(() -> delegations.create(wang, li.username(), today, today.minusDays(1), null), "delegation.badRange");
    // a delegation that starts tomorrow gives nothing today
    delegations.create(wang, li.username(), today.plusDays(1), today.plusDays(5), "外出培训");
    assertRefused(() -> tasks.get(li, task), "error.notFound");
    assertRefused(() -> tasks.complete(li, task, Map.of("decision", "APPROVE", "onBehalfOf", wang.username())),
        "error.notFound");

    Delegations.Delegation now = delegations.create(wang, li.username(), today, today.plusDays(2), "外出培训");
    assertThat(tasks.get(li, task).id()).isEqualTo(task);
    tasks.complete(li, task, Map.of("decision", "APPROVE", "comment", "同意。"));
    Map<String, Object> signed = jdbc.sql("select completed_by, completed_by_name, on_behalf_of from inbox_task where id = :t")
        .param("t", task).query().singleRow();
    assertThat(signed).containsEntry("completed_by", li.username()).containsEntry("completed_by_name", "王芳（李明代签）")
        .containsEntry("on_behalf_of", wang.username());
    assertThat(tasks.get(wang, task).signerName()).isEqualTo("王芳（李明代签）");

    delegations.end(wang, now.id());
    assertThat(delegations.delegatorsOf(li.username())).isEmpty();
    assertRefused(() -> delegations.end(li, now.id()), "error.notFound");
  }

  @Test
  void theStepWaitsForTheOpinionsItAskedForAndThoseAskedReadTheCaseOnly() {
    Case c = newCase();
    JiaoliuUser wang = principal("w" + c.token(), c.home(), c, "王芳");
    JiaoliuUser colleague = teacherOf("k" + c.token(), c.home(), c, "教研组长");
    JiaoliuUser stranger = teacherOf("s" + c.token(), c.target(), c, "别校教师");
    long task = task(c, ApplicationProcess.TASK_SIGN_OPINION, CandidateKey.group(CandidateGroups.principalOf(c.home())));

    assertRefused(() -> consultations.ask(wang, task, List.of(stranger.username()), "?", true), "consult.outOfScope");
    assertRefused(() -> consultations.ask(wang, task, List.of(), "?", true), "consult.nobody");
    assertRefused(() -> consultations.ask(stranger, task, List.of(colleague.username()), "?", true), "error.notFound");
    assertThat(readers.mayRead(colleague, "APPLICATION", c.id())).isFalse();

    Consultations.Consultation asked = consultations.ask(wang, task, List.of(colleague.username()), "教学表现如何？", true)
        .get(0);
    assertThat(readers.mayRead(colleague, "APPLICATION", c.id())).isTrue();
    assertThat(readers.mayRead(stranger, "APPLICATION", c.id())).isFalse();
    assertRefused(() -> tasks.complete(wang, task, Map.of("decision", "APPROVE")), "consult.waiting");
    assertRefused(() -> consultations.answer(stranger, asked.id(), "不错"), "error.notFound");
    assertRefused(() -> consultations.answer(colleague, asked.id(), " "), "consult.opinionRequired");

    consultations.answer(colleague, asked.id(), "教学扎实，同意推荐。");
    assertThat(consultations.ofTask(task)).singleElement()
        .satisfies(x -> assertThat(x.opinion()).isEqualTo("教学扎实，同意推荐。"));
    tasks.complete(wang, task, Map.of("decision", "APPROVE", "comment", "同意。"));
    assertThat(audit(c, "OPINION_ASKED")).isEqualTo(1);
    assertThat(audit(c, "OPINION_GIVEN")).isEqualTo(1);
  }

  @Test
  void theOfficeCopiesACaseOfItsDistrictAndTheRecipientsMayReadItOnly() {
    Case c = newCase();
    JiaoliuUser office = office("o" + c.token(), c);
    JiaoliuUser targetPrincipal = principal("x" + c.token(), c.target(), c, "接收校长");
    Case other = newCase();
    JiaoliuUser otherOffice = office("o" + other.token(), other);
    JiaoliuUser otherTeacher = teacher(other);

    assertRefused(() -> copies.copy(otherOffice, "APPLICATION", c.id(), List.of(), List.of(), null), "error.notFound");
    assertRefused(() -> copies.copy(office, "APPLICATION", c.id(), List.of(otherTeacher.username()), List.of(), null),
        "copy.outOfScope");
    assertRefused(() -> copies.copy(office, "APPLICATION", c.id(), List.of(),
        List.of(CandidateGroups.principalOf(other.home())), null), "copy.outOfScope");
    assertRefused(() -> copies.copy(targetPrincipal, "APPLICATION", c.id(), List.of(), List.of(), null),
        "error.forbidden");

    JiaoliuUser colleague = teacherOf("k" + c.token(), c.target(), c, "接收校教师");
    assertThat(readers.mayRead(colleague, "APPLICATION", c.id())).isFalse();
    assertThat(copies.copy(office, "APPLICATION", c.id(), List.of(colleague.username()), List.of(), "请知悉")).isEqualTo(1);
    assertThat(readers.mayRead(colleague, "APPLICATION", c.id())).isTrue();
    assertThat(readers.mayRead(otherTeacher, "APPLICATION", c.id())).isFalse();
    assertThat(copies.unread(colleague.username())).isEqualTo(1);
    long copy = copies.received(colleague.username()).get(0).id();
    assertThat(copies.open(colleague, copy)).isEqualTo("/applications/" + c.id());
    assertThat(copies.unread(colleague.username())).isZero();
    assertRefused(() -> copies.open(otherTeacher, copy), "error.notFound");
    assertThat(audit(c, "CASE_COPIED")).isEqualTo(1);
  }

  @Test
  void aStepWhoseModelSaysSoCopiesItsCaseToTheGroupsItNamesWhenCompleted() {
    Case c = newCase();
    JiaoliuUser home = principal("w" + c.token(), c.home(), c, "王芳");
    JiaoliuUser target = principal("x" + c.token(), c.target(), c, "接收校长");
    JiaoliuUser office = office("o" + c.token(), c);
    long task = task(c, ApplicationProcess.TASK_APPROVE_APPLICATION,
        CandidateKey.group(CandidateGroups.teachingOfficeOf(c.district())));
    jdbc.sql("update inbox_task set copy_to = :g where id = :t").param("t", task)
        .param("g", CandidateGroups.principalOf(c.home()) + "," + CandidateGroups.principalOf(c.target())).update();

    events.publishEvent(new UserTaskCompleted(task, ProcessIds.ROTATION_APPLICATION,
        ApplicationProcess.TASK_APPROVE_APPLICATION, "APPLICATION", c.id(), office.username(), Map.of()));

    assertThat(copies.ofCase("APPLICATION", c.id())).extracting(CaseCopies.CaseCopy::recipient)
        .containsExactlyInAnyOrder(home.username(), target.username());
    assertThat(readers.mayRead(target, "APPLICATION", c.id())).isTrue();
    assertThat(audit(c, "CASE_COPIED")).isEqualTo(1);
  }

  @Test
  void phrasesStartFromTheDefaultsAndBecomeTheUsersOwn() {
    String user = "phr" + System.nanoTime();
    assertThat(phrases.of(user, Locale.SIMPLIFIED_CHINESE)).extracting(OpinionPhrases.Phrase::text)
        .startsWith("同意。", "情况属实，同意推荐。");
    assertThat(phrases.of(user, Locale.ENGLISH).get(0).text()).isEqualTo("Agreed.");

    phrases.add(user, "经核实，同意。", Locale.SIMPLIFIED_CHINESE);
    List<OpinionPhrases.Phrase> own = phrases.of(user, Locale.ENGLISH);
    assertThat(own).hasSize(OpinionPhrases.DEFAULTS + 1).allSatisfy(p -> assertThat(p.id()).isPositive());
    assertThat(own.get(own.size() - 1).text()).isEqualTo("经核实，同意。");
    phrases.moveUp(user, own.get(own.size() - 1).id(), Locale.ENGLISH);
    assertThat(phrases.of(user, Locale.ENGLISH).get(own.size() - 2).text()).isEqualTo("经核实，同意。");
    assertRefused(() -> phrases.add(user, "经核实，同意。", Locale.ENGLISH), "phrase.duplicate");
    assertRefused(() -> phrases.add(user, "  ", Locale.ENGLISH), "phrase.required");
    assertRefused(() -> phrases.remove("someone.else", own.get(0).id(), Locale.ENGLISH), "error.notFound");
    phrases.remove(user, own.get(0).id(), Locale.ENGLISH);
    assertThat(phrases.of(user, Locale.ENGLISH)).extracting(OpinionPhrases.Phrase::text).doesNotContain("同意。");
  }

  private long audit(Case c, String action) {
    return jdbc.sql("select count(*) from audit_event where subject_type = 'APPLICATION' and subject_id = :id"
        + " and action = :a").param("id", c.id()).param("a", action).query(Long.class).single();
  }

  private static void assertRefused(Runnable action, String messageKey) {
    assertThatThrownBy(action::run).isInstanceOf(UserFacingException.class)
        .satisfies(e -> assertThat(((UserFacingException) e).messageKey()).isEqualTo(messageKey));
  }

  record Case(long id, String token, String district, String home, String target, JiaoliuUser teacher) {}

  private JiaoliuUser principal(String username, String school, Case c, String name) {
    user(username, "principal", school, c.district(), name);
    return new JiaoliuUser(username, name, Set.of(Role.PRINCIPAL), school, c.district());
  }

  private JiaoliuUser teacherOf(String username, String school, Case c, String name) {
    user(username, "teacher", school, c.district(), name);
    return new JiaoliuUser(username, name, Set.of(Role.TEACHER), school, c.district());
  }

  private JiaoliuUser office(String username, Case c) {
    user(username, "teaching-office", null, c.district(), "教学办");
    return new JiaoliuUser(username, "教学办", Set.of(Role.TEACHING_OFFICE), null, c.district());
  }

  private JiaoliuUser teacher(Case c) {
    return c.teacher();
  }

  private Case newCase() {
    String n = Long.toString(System.nanoTime(), 36);
    String district = "Q" + n.toUpperCase();
    jdbc.sql("insert into district (code, name) values (:d, '操作区')").param("d", district).update();
    for (String[] school : new String[][] {{district + "-U", "URBAN", "0"}, {district + "-R", "TOWNSHIP", "1"}}) {
      jdbc.sql("insert into school (code, name, district_code, area_type, remoteness_tier) values (:c, :c, :d, :a, :t)")
          .param("c", school[0]).param("d", district).param("a", school[1]).param("t", Integer.parseInt(school[2]))
          .update();
    }
    jdbc.sql("""
        insert into rotation_batch (district_code, name, opens_on, closes_on, period_starts, period_ends, status)
        values (:d, '批次', date '2026-01-01', date '2026-12-31', date '2027-09-01', date '2028-07-31', 'OPEN')""")
        .param("d", district).update();
    long batch = jdbc.sql("select id from rotation_batch where district_code = :d").param("d", district)
        .query(Long.class).single();
    String teacher = "t" + n;
    user(teacher, "teacher", district + "-U", district, "申请教师");
    jdbc.sql("""
        insert into rotation_application (teacher_username, teacher_name, home_school_code, target_school_code,
          district_code, batch_id, direction, post, subject, period_start, period_end, years_of_service, reasons,
          status, current_step, request_token, created_at, updated_at, version)
        values (:teacher, '申请教师', :home, :target, :district, :batch, 'URBAN_TO_RURAL', 'TEACHER', '数学',
          date '2027-09-01', date '2028-07-31', 8, '支教', 'AWAITING_OPINION', 'Task_SignOpinion', :token,
          current_timestamp, current_timestamp, 0)""")
        .param("teacher", teacher).param("home", district + "-U").param("target", district + "-R")
        .param("district", district).param("batch", batch).param("token", n).update();
    long id = jdbc.sql("select id from rotation_application where request_token = :t").param("t", n)
        .query(Long.class).single();
    return new Case(id, n, district, district + "-U", district + "-R",
        new JiaoliuUser(teacher, "申请教师", Set.of(Role.TEACHER), district + "-U", district));
  }

  private long task(Case c, String step, String candidate) {
    long job = System.nanoTime();
    jdbc.sql("""
        insert into inbox_task (job_key, process_instance_key, element_instance_key, bpmn_process_id, element_id,
          form_key, variables, status, created_at, checked_at, version, subject_type, subject_id, district_code)
        values (:job, :instance, :job, :process, :step, :form, :vars, 'OPEN', current_timestamp, current_timestamp,
          0, 'APPLICATION', :id, :district)""")
        .param("job", job).param("instance", 9_200_000_000L + c.id()).param("process", ProcessIds.ROTATION_APPLICATION)
        .param("step", step).param("form", ApplicationProcess.FORM_SIGN_OPINION)
        .param("vars", "{\"applicationId\":" + c.id() + "}").param("id", c.id())
        .param("district", c.district()).update();
    long task = jdbc.sql("select id from inbox_task where job_key = :job").param("job", job).query(Long.class).single();
    jdbc.sql("insert into inbox_task_candidate (task_id, candidate, task_open) values (:t, :c, true)")
        .param("t", task).param("c", candidate).update();
    return task;
  }

  private void user(String username, String role, String school, String district, String name) {
    jdbc.sql("""
        insert into app_user (username, display_name, email, roles, school_code, district_code, last_seen_at)
        values (:u, :name, null, :role, :school, :district, current_timestamp)""")
        .param("u", username).param("name", name).param("role", role).param("school", school)
        .param("district", district).update();
  }
}
