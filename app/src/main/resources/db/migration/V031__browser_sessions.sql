-- Browser sessions in the database (issue 18, item 4): Spring Session JDBC keeps every browser
-- session here instead of in one app instance's memory, so any instance serves any browser and the
-- load balancer needs no sticky sessions. This is Spring Session's own schema for PostgreSQL
-- (org/springframework/session/jdbc/schema-postgresql.sql of spring-session-jdbc), in lower case;
-- H2 in PostgreSQL mode takes it as it is. Spring Session does not create it itself
-- (spring.session.jdbc.initialize-schema=never). Owned by the security module.
--
-- principal_name is the index back-channel logout looks sessions up by: the app fills it with the
-- Keycloak subject (user id) of the session's login, the user a logout token names (BrowserSessions).
create table spring_session (
  primary_id            char(36) not null,
  session_id            char(36) not null,
  creation_time         bigint not null,
  last_access_time      bigint not null,
  max_inactive_interval int not null,
  expiry_time           bigint not null,
  principal_name        varchar(100),
  constraint spring_session_pk primary key (primary_id)
);

create unique index spring_session_ix1 on spring_session (session_id);
create index spring_session_ix2 on spring_session (expiry_time);
create index spring_session_ix3 on spring_session (principal_name);

create table spring_session_attributes (
  session_primary_id char(36) not null,
  attribute_name     varchar(200) not null,
  attribute_bytes    bytea not null,
  constraint spring_session_attributes_pk primary key (session_primary_id, attribute_name),
  constraint spring_session_attributes_fk foreign key (session_primary_id) references spring_session (primary_id)
    on delete cascade
);
