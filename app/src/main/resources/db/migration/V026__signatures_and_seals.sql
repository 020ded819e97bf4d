-- Handwritten signatures of those who sign opinions, and each school's seal, printed beside the
-- opinions on the approval form as on paper (issue 15, item 10). Stored as re-encoded PNG.
create table user_signature (
  username   varchar(100) primary key,
  image      bytea not null,
  updated_at timestamp with time zone not null
);

create table school_seal (
  school_code varchar(32) primary key,
  image       bytea not null,
  updated_at  timestamp with time zone not null,
  updated_by  varchar(100) not null
);
