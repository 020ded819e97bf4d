package cn.jiaoliu.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Jiaoliu: urban–rural teacher rotation. The BPMN and DMN files of the {@code processes} module are
 * deployed by this app at start-up, and only by it ({@code engine.ProcessDeployment}).
 */
@SpringBootApplication(scanBasePackages = {"cn.jiaoliu.app", "cn.jiaoliu.workers"})
@ConfigurationPropertiesScan
@EnableScheduling
public class JiaoliuApplication {

  public static void main(String[] args) {
    SpringApplication.run(JiaoliuApplication.class, args);
  }
}
