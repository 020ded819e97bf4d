package cn.jiaoliu.workers;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiaoliu.processes.JobTypes;
import cn.jiaoliu.processes.ProcessIds;
import cn.jiaoliu.processes.application.ApplicationProcess;
import cn.jiaoliu.processes.assessment.AssessmentProcess;
import cn.jiaoliu.workers.assessment.AssessmentSteps;
import io.camunda.client.annotation.JobWorker;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.UserTask;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeAssignmentDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeFormDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskSchedule;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeUserTask;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

/**
 * The BPMN files (from the processes jar) and the workers agree: every job type has exactly one
 * worker and every worker is used (switched-off workers included); job types are kebab-case constants
 * of {@link JobTypes}; every user task is a job-worker user task with candidates, a due date and a
 * form key; the human steps, form keys and return targets are those of the processes' contracts.
 */
class ContractTest {

  private static final Pattern KEBAB_CASE = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

  /** File name → model, for every BPMN the app deploys. */
  private static Map<String, BpmnModelInstance> models;
  /** Job type → the worker methods that handle it. */
  private static Map<String, List<String>> workers;

  @BeforeAll
  static void readBpmnAndScanWorkers() throws IOException {
    models = new TreeMap<>();
    for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:bpmn/*.bpmn")) {
      try (InputStream in = resource.getInputStream()) {
        models.put(resource.getFilename(), Bpmn.readModelFromStream(in));
      }
    }
    workers = new TreeMap<>();
    for (Method method : jobWorkerMethods()) {
      workers.computeIfAbsent(method.getAnnotation(JobWorker.class).type(), type -> new ArrayList<>())
          .add(method.getDeclaringClass().getSimpleName() + "." + method.getName());
    }
  }

  @Test
  void theBpmnFilesAreThere() {
    assertThat(models.keySet()).contains("rotation-application.bpmn", "annual-assessment.bpmn");
    assertThat(bpmnJobTypes()).contains(JobTypes.RECORD_OUTCOME, JobTypes.CREATE_ASSIGNMENT, JobTypes.ARCHIVE_ASSESSMENT);
  }

  @Test
  void eachBpmnFileIsNamedAfterItsProcess() {
    models.forEach((file, model) -> assertThat(model.getModelElementsByType(Process.class))
        .as(file)
        .extracting(Process::getId)
        .containsExactly(file.replaceFirst("\\.bpmn$", "")));
  }

  @Test
  void everyJobTypeInTheBpmnHasExactlyOneWorker() {
    for (String type : bpmnJobTypes()) {
      assertThat(workers.get(type)).as("workers of job type %s", type).hasSize(1);
    }
  }

  @Test
  void everyWorkerIsUsedBySomeBpmn() {
    assertThat(bpmnJobTypes()).containsAll(workers.keySet());
  }

  @Test
  void jobTypesAreKebabCaseConstantsOfJobTypes() {
    Set<String> declared = declaredJobTypes();
    for (String type : bpmnJobTypes()) {
      assertThat(type).as("job type").matches(KEBAB_CASE).isIn(declared);
    }
  }

  @Test
  void workerClassesAndMethodsArePublicForTheStarter() {
    for (Method method : jobWorkerMethods()) {
      assertThat(Modifier.isPublic(method.getDeclaringClass().getModifiers())).as("%s is public", method.getDeclaringClass()).isTrue();
      assertThat(Modifier.isPublic(method.getModifiers())).as("%s is public", method).isTrue();
      assertThat(method.getAnnotation(JobWorker.class).type()).as("%s names its job type", method).isNotBlank();
    }
  }

  @Test
  void everyUserTaskIsAJobWorkerUserTaskWithCandidatesDueDateAndForm() {
    models.forEach((file, model) -> {
      for (UserTask task : model.getModelElementsByType(UserTask.class)) {
        String where = file + "#" + task.getId();
        assertThat(task.getSingleExtensionElement(ZeebeUserTask.class))
            .as("%s must not be a Camunda user task (zeebe:userTask): the broker has no secondary storage", where)
            .isNull();
        ZeebeAssignmentDefinition assignment = task.getSingleExtensionElement(ZeebeAssignmentDefinition.class);
        assertThat(assignment).as("%s has an assignment definition", where).isNotNull();
        assertThat(isSet(assignment.getCandidateGroups()) || isSet(assignment.getCandidateUsers()))
            .as("%s has candidate groups or users", where)
            .isTrue();
        ZeebeTaskSchedule schedule = task.getSingleExtensionElement(ZeebeTaskSchedule.class);
        assertThat(schedule != null && isSet(schedule.getDueDate())).as("%s has a due date", where).isTrue();
        ZeebeFormDefinition form = task.getSingleExtensionElement(ZeebeFormDefinition.class);
        assertThat(form != null && isSet(form.getFormKey())).as("%s has a form key", where).isTrue();
      }
    });
  }

  @Test
  void theApplicationsHumanStepsAndFormKeysMatchTheContract() {
    BpmnModelInstance model = models.get(ProcessIds.ROTATION_APPLICATION + ".bpmn");
    Map<String, String> formKeys = model.getModelElementsByType(UserTask.class).stream()
        .collect(Collectors.toMap(UserTask::getId, task -> task.getSingleExtensionElement(ZeebeFormDefinition.class).getFormKey()));

    assertThat(formKeys).containsExactlyInAnyOrderEntriesOf(Map.of(
        ApplicationProcess.TASK_SIGN_OPINION, ApplicationProcess.FORM_SIGN_OPINION,
        ApplicationProcess.TASK_REVISE_APPLICATION, ApplicationProcess.FORM_REVISE_APPLICATION,
        ApplicationProcess.TASK_ACCEPT_TEACHER, ApplicationProcess.FORM_ACCEPT_TEACHER,
        ApplicationProcess.TASK_APPROVE_APPLICATION, ApplicationProcess.FORM_APPROVE_APPLICATION));
  }

  @Test
  void theAssessmentsHumanStepsAndFormKeysMatchTheContract() {
    BpmnModelInstance model = models.get(ProcessIds.ANNUAL_ASSESSMENT + ".bpmn");
    Map<String, String> formKeys = model.getModelElementsByType(UserTask.class).stream()
        .collect(Collectors.toMap(UserTask::getId, task -> task.getSingleExtensionElement(ZeebeFormDefinition.class).getFormKey()));

    assertThat(formKeys).containsExactlyInAnyOrderEntriesOf(Map.of(
        AssessmentProcess.TASK_WRITE_SELF_EVALUATION, AssessmentProcess.FORM_WRITE_SELF_EVALUATION,
        AssessmentProcess.TASK_ASSESS_TEACHER, AssessmentProcess.FORM_ASSESS_TEACHER,
        AssessmentProcess.TASK_SIGN_DISPATCHING_OPINION, AssessmentProcess.FORM_SIGN_DISPATCHING_OPINION,
        AssessmentProcess.TASK_APPROVE_ASSESSMENT, AssessmentProcess.FORM_APPROVE_ASSESSMENT));
  }

  @Test
  void everyReturnTargetOfTheAssessmentLeadsBackToThatStep() {
    BpmnModelInstance model = models.get(ProcessIds.ANNUAL_ASSESSMENT + ".bpmn");
    FlowNode returnTo = model.getModelElementById("Gateway_ReturnTo");
    Map<String, String> stepByTarget = new TreeMap<>();
    for (SequenceFlow flow : returnTo.getOutgoing()) {
      String condition = flow.getConditionExpression().getTextContent();
      // the merge gateway in front of the step: exactly one way out, into the step
      FlowNode merge = flow.getTarget();
      assertThat(merge.getOutgoing()).as("%s leads through %s", flow.getId(), merge.getId()).hasSize(1);
      String step = merge.getOutgoing().iterator().next().getTarget().getId();
      stepByTarget.put(condition.replaceAll(".*\"(\\w+)\".*", "$1"), step);
    }

    assertThat(stepByTarget).hasSize(AssessmentProcess.RETURN_TARGETS.size());
    AssessmentProcess.RETURN_TARGETS.forEach(target -> assertThat(stepByTarget).containsEntry(target, target));
  }

  @Test
  void theAssessmentWorkersAreFoundThoughTheyAreSwitchedOffByDefault() {
    for (String type : List.of(JobTypes.ARCHIVE_ASSESSMENT, JobTypes.OPEN_ASSESSMENT_ROUND)) {
      assertThat(workers.get(type)).as("workers of %s", type).hasSize(1);
    }
    for (Method method : jobWorkerMethods()) {
      Class<?> worker = method.getDeclaringClass();
      if (worker.getPackageName().equals(AssessmentSteps.class.getPackageName())) {
        ConditionalOnProperty condition = worker.getAnnotation(ConditionalOnProperty.class);
        assertThat(condition).as("%s is switched by %s", worker.getSimpleName(), AssessmentSteps.ENABLED_PROPERTY).isNotNull();
        assertThat(condition.name()).containsExactly(AssessmentSteps.ENABLED_PROPERTY);
        assertThat(condition.havingValue()).isEqualTo("true");
        assertThat(condition.matchIfMissing()).isFalse();
      }
    }
  }

  // ------------------------------------------------------------------ helpers

  /** Job types of every element with a zeebe:taskDefinition (service, send, script, … tasks). */
  private static Set<String> bpmnJobTypes() {
    Set<String> types = new TreeSet<>();
    for (BpmnModelInstance model : models.values()) {
      for (BaseElement element : model.getModelElementsByType(BaseElement.class)) {
        if (element instanceof UserTask) {
          continue;
        }
        ZeebeTaskDefinition definition = element.getSingleExtensionElement(ZeebeTaskDefinition.class);
        if (definition != null) {
          types.add(definition.getType());
        }
      }
    }
    return types;
  }

  private static Set<String> declaredJobTypes() {
    return Arrays.stream(JobTypes.class.getFields())
        .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
        .map(constantValue())
        .filter(type -> !JobTypes.USER_TASK.equals(type))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Function<Field, String> constantValue() {
    return field -> {
      try {
        return (String) field.get(null);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    };
  }

  /**
   * Every {@code @Component} class under {@code cn.jiaoliu.workers}, whatever its conditions: the
   * scanner's own {@code isCandidateComponent} would evaluate {@code @ConditionalOnProperty} against an
   * empty environment and silently drop the switched-off assessment workers; the contract holds for
   * every worker that can ever run.
   */
  private static List<Method> jobWorkerMethods() {
    var scanner = new ClassPathScanningCandidateComponentProvider(false) {
      @Override
      protected boolean isCandidateComponent(MetadataReader reader) {
        return reader.getAnnotationMetadata().isAnnotated(Component.class.getName());
      }
    };
    List<Method> methods = new ArrayList<>();
    scanner.findCandidateComponents("cn.jiaoliu.workers").forEach(candidate -> {
      Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(), ContractTest.class.getClassLoader());
      for (Method method : type.getDeclaredMethods()) {
        if (method.isAnnotationPresent(JobWorker.class)) {
          methods.add(method);
        }
      }
    });
    assertThat(methods).as("@JobWorker methods found by the scan").isNotEmpty();
    return methods;
  }

  private static boolean isSet(String value) {
    return value != null && !value.isBlank();
  }
}
