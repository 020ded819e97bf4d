-- A corrected assessment may no longer credit rural service: the credit is revoked, never deleted.
alter table rural_service_credit add column revoked_at timestamp with time zone;
