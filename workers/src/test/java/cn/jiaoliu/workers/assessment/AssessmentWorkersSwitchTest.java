package cn.jiaoliu.workers.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * The assessment workers are component-scanned like in the app, and created only with
 * {@code jiaoliu.assessment.enabled=true}: until the app implements {@link AssessmentSteps} it
 * starts without them.
 */
class AssessmentWorkersSwitchTest {

  @Configuration(proxyBeanMethods = false)
  @ComponentScan(basePackageClasses = AssessmentSteps.class)
  static class ScanLikeTheApp {}

  private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(ScanLikeTheApp.class);

  @Test
  void offByDefaultSoTheAppStartsWithoutAssessmentSteps() {
    context.run(app -> {
      assertThat(app).hasNotFailed();
      assertThat(app).doesNotHaveBean(AssessmentSteps.class);
      assertThat(app)
          .doesNotHaveBean(ArchiveAssessmentWorker.class)
          .doesNotHaveBean(OpenAssessmentRoundWorker.class);
    });
  }

  @Test
  void offUnlessThePropertyIsExactlyTrue() {
    context.withPropertyValues(AssessmentSteps.ENABLED_PROPERTY + "=false").run(app -> {
      assertThat(app).hasNotFailed();
      assertThat(app).doesNotHaveBean(ArchiveAssessmentWorker.class);
    });
  }

  @Test
  void onWithThePropertyWhenTheAppImplementsAssessmentSteps() {
    context
        .withPropertyValues(AssessmentSteps.ENABLED_PROPERTY + "=true")
        .withBean(AssessmentSteps.class, FakeAssessmentSteps::new)
        .run(app -> assertThat(app)
            .hasSingleBean(ArchiveAssessmentWorker.class)
            .hasSingleBean(OpenAssessmentRoundWorker.class));
  }

  @Test
  void switchedOnWithoutAnImplementationTheAppFailsAtStartNotAtTheFirstJob() {
    context.withPropertyValues(AssessmentSteps.ENABLED_PROPERTY + "=true").run(app -> assertThat(app).hasFailed());
  }
}
