package cn.jiaoliu.app.user;

import cn.jiaoliu.app.security.Role;

/** What a user is linked to: a role, with its school (teacher, principal) or its district. */
record RoleLink(Role role, String schoolCode, String districtCode) {}
