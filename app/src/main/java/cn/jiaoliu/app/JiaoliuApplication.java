package cn.jiaoliu.app;

import cn.jiaoliu.processes.ProcessIds;
import io.camunda.client.annotation.Deployment;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Jiaoliu: urban–rural teacher rotation. The BPMN and DMN files of the {@code processes} module are
 * deployed here at start-up, and only here (the engine skips unchanged resources).
 */
@SpringBootApplication(scanBasePackages = {"cn.jiaoliu.app", "cn.jiaoliu.workers"})
@ConfigurationPropertiesScan
@EnableScheduling
@Deployment(resources = ProcessIds.RESOURCES)
public class JiaoliuApplication {

  public static void main(String[] args) {
    SpringApplication.run(JiaoliuApplication.class, args);
  }
}
