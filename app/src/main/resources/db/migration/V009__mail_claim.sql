-- Several app instances send the mails of one database: an instance claims a notification before
-- it mails it, so no mail goes out twice; a claim older than a few minutes (its instance died) may
-- be taken again.
alter table notification add column mail_claimed_at timestamp with time zone;
