package cn.jiaoliu.app.user;

import cn.jiaoliu.app.security.Role;
import cn.jiaoliu.app.web.UserFacingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** A link's changes in Keycloak: the user's attributes and realm roles, undone when half done. */
@Component
class RealmRoleChanges {

  private static final Logger log = LoggerFactory.getLogger(RealmRoleChanges.class);

  private final KeycloakAdminClient keycloak;

  RealmRoleChanges(KeycloakAdminClient keycloak) {
    this.keycloak = keycloak;
  }

  /**
   * A Jiaoliu role the user holds through a Keycloak group (or a composite role) cannot be taken
   * away by a role mapping; taking the user out of the group is not ours to do either: groups are
   * the bureau's organisation chart in Keycloak (often synchronised from its directory), they may
   * carry other systems' roles, and such a change would not show in Jiaoliu's link history. So the
   * link is refused, naming the group, and nothing changes; whoever keeps the groups resolves it.
   */
  void refuseIndirectRoles(String userId, List<String> direct, List<String> effective, Role linked) {
    List<String> indirect = effective.stream()
        .filter(r -> !direct.contains(r) && !r.equals(linked.realmRole())).toList();
    if (indirect.isEmpty()) {
      return;
    }
    for (JsonNode group : keycloak.groupsOf(userId)) {
      List<String> granted = UserRows.jiaoliuRoles(keycloak.effectiveRealmRolesOfGroup(group.path("id").asText()));
      Optional<String> role = indirect.stream().filter(granted::contains).findFirst();
      if (role.isPresent()) {
        throw UserFacingException.conflict("users.error.roleThroughGroup", group.path("path").asText(
            group.path("name").asText()), role.get());
      }
    }
    throw UserFacingException.conflict("users.error.roleThroughComposite", indirect.getFirst());
  }

  void apply(ObjectNode user, String userId, RoleLink link, List<JsonNode> remove, List<JsonNode> add) {
    ObjectNode original = user.deepCopy();
    ObjectNode changed = user.deepCopy();
    ObjectNode attributes = changed.has("attributes") && changed.get("attributes").isObject()
        ? (ObjectNode) changed.get("attributes") : changed.putObject("attributes");
    if (link.schoolCode() == null) {
      attributes.remove("schoolCode");
    } else {
      attributes.putArray("schoolCode").add(link.schoolCode());
    }
    attributes.putArray("districtCode").add(link.districtCode());
    boolean updated = false;
    boolean removed = false;
    try {
      keycloak.update(changed);
      updated = true;
      keycloak.removeRealmRoles(userId, remove);
      removed = true;
      keycloak.addRealmRoles(userId, add);
    } catch (RuntimeException e) {
      undo(original, userId, updated, removed, remove);
      throw e;
    }
  }

  private void undo(ObjectNode original, String userId, boolean updated, boolean removed, List<JsonNode> remove) {
    try {
      if (removed) {
        keycloak.addRealmRoles(userId, remove);
      }
      if (updated) {
        keycloak.update(original);
      }
    } catch (RuntimeException again) {
      log.error("could not undo a half-done link of user {} in Keycloak; check its attributes and roles: {}",
          original.path("username").asText(), again.toString());
    }
  }
}
