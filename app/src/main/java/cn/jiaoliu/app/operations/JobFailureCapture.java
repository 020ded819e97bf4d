package cn.jiaoliu.app.operations;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.bean.MethodInfo;
import io.camunda.client.exception.BpmnError;
import io.camunda.client.exception.JobError;
import io.camunda.client.jobhandling.CommandExceptionHandlingStrategy;
import io.camunda.client.jobhandling.DefaultJobExceptionHandlingStrategy;
import io.camunda.client.jobhandling.JobExceptionHandlingStrategy;
import io.camunda.client.jobhandling.result.DefaultResultProcessorStrategy;
import io.camunda.client.jobhandling.result.DocumentResultProcessorFailureHandlingStrategy;
import io.camunda.client.jobhandling.result.ResultProcessor;
import io.camunda.client.jobhandling.result.ResultProcessorContext;
import io.camunda.client.jobhandling.result.ResultProcessorStrategy;
import io.camunda.client.metrics.MetricsRecorder;
import java.time.Clock;
import java.time.OffsetDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where the app learns that an automated step failed, without Operate or an exporter: the Camunda
 * starter hands every exception of a {@code @JobWorker} method to the {@link JobExceptionHandlingStrategy}
 * bean, with the activated job, and every result to a {@link ResultProcessor}. Both beans here wrap
 * the starter's defaults (which still send the fail, throw-error and complete commands exactly as
 * before) and write the outcome to {@code job_failure} on the way: a failure (a {@link JobError} such
 * as the workers' {@code TemporaryFailures.retryLater}, or any other exception) counts an attempt; a
 * result or a BPMN error takes the job off the failing list. Writing the record never changes what
 * the engine is told.
 */
@Configuration(proxyBeanMethods = false)
class JobFailureCapture {

  private static final Logger log = LoggerFactory.getLogger(JobFailureCapture.class);

  @Bean
  JobExceptionHandlingStrategy jobExceptionHandlingStrategy(CommandExceptionHandlingStrategy commands,
      MetricsRecorder metrics, JobFailures failures, Clock clock) {
    JobExceptionHandlingStrategy engine = new DefaultJobExceptionHandlingStrategy(commands, metrics);
    return (exception, context) -> {
      record(failures, clock, context.job(), exception);
      engine.handleException(exception, context);
    };
  }

  @Bean
  ResultProcessorStrategy resultProcessorStrategy(CamundaClient client,
      DocumentResultProcessorFailureHandlingStrategy documents, JobFailures failures, Clock clock) {
    ResultProcessorStrategy defaults = new DefaultResultProcessorStrategy(client, documents);
    return new ResultProcessorStrategy() {
      @Override
      public ResultProcessor createProcessor(MethodInfo method) {
        return completing(defaults.createProcessor(method), failures, clock);
      }

      @Override
      public ResultProcessor createProcessor(Class<?> resultType) {
        return completing(defaults.createProcessor(resultType), failures, clock);
      }
    };
  }

  private static ResultProcessor completing(ResultProcessor processor, JobFailures failures, Clock clock) {
    return new ResultProcessor() {
      @Override
      public Object process(ResultProcessorContext context) {
        Object result = processor.process(context);
        completed(failures, clock, context.getJob());
        return result;
      }

      @Override
      public Object process(Object result) {
        return processor.process(result);
      }
    };
  }

  /** What the engine will be told about this attempt, as a row; a business outcome (BPMN error) ends the job instead. */
  static JobFailures.FailedAttempt attempt(ActivatedJob job, Exception exception) {
    String message;
    int retriesLeft;
    if (exception instanceof JobError error) {
      message = error.getErrorMessage();
      retriesLeft = error.getRetries() != null ? error.getRetries() : job.getRetries() - 1;
    } else {
      message = exception.toString();
      retriesLeft = job.getRetries() - 1;
    }
    return new JobFailures.FailedAttempt(job.getKey(), job.getType(), job.getBpmnProcessId(),
        job.getProcessInstanceKey(), job.getElementInstanceKey(), job.getElementId(), message, retriesLeft);
  }

  private static void record(JobFailures failures, Clock clock, ActivatedJob job, Exception exception) {
    try {
      if (exception instanceof BpmnError) {
        failures.completed(job.getKey(), OffsetDateTime.now(clock));
      } else {
        failures.failed(attempt(job, exception), OffsetDateTime.now(clock));
      }
    } catch (RuntimeException e) {
      log.warn("could not record the outcome of job {} ({}): {}", job.getKey(), job.getType(), e.toString());
    }
  }

  private static void completed(JobFailures failures, Clock clock, ActivatedJob job) {
    try {
      failures.completed(job.getKey(), OffsetDateTime.now(clock));
    } catch (RuntimeException e) {
      log.warn("could not record the completion of job {} ({}): {}", job.getKey(), job.getType(), e.toString());
    }
  }
}
