package cn.jiaoliu.app.modelling;

import cn.jiaoliu.app.security.AllowedRoles;
import cn.jiaoliu.app.security.JiaoliuUser;
import cn.jiaoliu.app.security.Role;
import cn.jiaoliu.app.tasklist.CaseDiagrams;
import cn.jiaoliu.app.web.UserFacingException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * 流程部署: an administrator uploads BPMN, DMN and Camunda Form files; they are checked and, when
 * nothing is wrong, deployed; every version stays listed with who deployed it and when.
 */
@Controller
@AllowedRoles(Role.ADMIN)
class ModelsController {

  /** Roles that may be allowed to start a modelled process from the catalogue. */
  static final List<Role> STARTER_ROLES = List.of(Role.TEACHER, Role.PRINCIPAL, Role.TEACHING_OFFICE);

  private final Models models;
  private final ModelDeployments deployments;
  private final CaseDiagrams diagrams;

  ModelsController(Models models, ModelDeployments deployments, CaseDiagrams diagrams) {
    this.models = models;
    this.deployments = deployments;
    this.diagrams = diagrams;
  }

  @GetMapping("/admin/models")
  String list(Model model) {
    model.addAttribute("processes", models.latestOfEach());
    model.addAttribute("starterRoles", STARTER_ROLES);
    if (!model.containsAttribute("problems")) {
      model.addAttribute("problems", List.of());
    }
    return "modelling/models";
  }

  @PostMapping("/admin/models")
  String upload(JiaoliuUser user, @RequestParam(name = "files", required = false) List<MultipartFile> files,
      @RequestParam(name = "starter", required = false) List<String> starters, Model model,
      RedirectAttributes redirect, HttpServletResponse response) throws IOException {
    List<ModelFile> uploaded = new ArrayList<>();
    for (MultipartFile f : files == null ? List.<MultipartFile>of() : files) {
      if (f.isEmpty() && (f.getOriginalFilename() == null || f.getOriginalFilename().isBlank())) {
        continue;
      }
      if (f.getSize() > ModelCheck.MAX_FILE_BYTES) {
        throw new UserFacingException(HttpStatus.BAD_REQUEST, "model.problem.tooLarge",
            ModelCheck.MAX_FILE_BYTES / 1024 / 1024);
      }
      String name = f.getOriginalFilename() == null ? "model" : f.getOriginalFilename().replaceAll("[\\\\/]", "_");
      uploaded.add(new ModelFile(name, f.getBytes()));
    }
    ModelDeployments.Outcome outcome = deployments.deploy(
        new ModelDeployments.Deployer(user.username(), user.displayName(), user.primaryRole()), uploaded, starters(starters));
    if (!outcome.ok()) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      model.addAttribute("problems", outcome.problems());
      return list(model);
    }
    redirect.addFlashAttribute("notice", "models.deployed");
    String first = outcome.deployed().isEmpty() ? null : outcome.deployed().get(0).bpmnProcessId();
    return first == null ? "redirect:/admin/models" : "redirect:/admin/models/" + first;
  }

  /** The roles ticked under 谁可以发起, by their realm names; others are ignored. */
  static Set<Role> starters(List<String> realmRoles) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String s : realmRoles == null ? List.<String>of() : realmRoles) {
      Role.fromRealmRole(s).filter(STARTER_ROLES::contains).ifPresent(roles::add);
    }
    return roles;
  }

  @GetMapping("/admin/models/{bpmnProcessId}")
  String versions(@PathVariable String bpmnProcessId, Model model) {
    List<Models.ProcessVersion> versions = models.versions(bpmnProcessId);
    if (versions.isEmpty()) {
      throw UserFacingException.notFound();
    }
    model.addAttribute("versions", versions);
    model.addAttribute("latest", versions.get(0));
    model.addAttribute("diagram", diagrams.of(bpmnProcessId, null));
    return "modelling/versions";
  }
}
