-- A notification's key names the case it is about (issue 12, item 1): the keys of applications
-- were 'approved', 'outcome-…', 'reminder-<step>-<revision>', so a recipient's second application
-- with the same event was dropped as a repeat. Stored keys get the new form, so that an event of
-- before the upgrade, delivered again after it, is still known.
update notification set dedup_key = 'application:' || application_id || ':' || dedup_key
where application_id is not null;

-- assessment-archived-<id>, assessment-reminder-<id>-<step>, assessment-overdue-<id>-<step>
update notification set dedup_key = 'assessment:' || substring(dedup_key from 21) || ':archived'
where application_id is null and dedup_key like 'assessment-archived-%';
update notification
set dedup_key = 'assessment:' || substring(dedup_key from 21 for position('-' in substring(dedup_key from 21)) - 1)
    || ':reminder-' || substring(dedup_key from 21 + position('-' in substring(dedup_key from 21)))
where application_id is null and dedup_key like 'assessment-reminder-%-%';
update notification
set dedup_key = 'assessment:' || substring(dedup_key from 20 for position('-' in substring(dedup_key from 20)) - 1)
    || ':overdue-' || substring(dedup_key from 20 + position('-' in substring(dedup_key from 20)))
where application_id is null and dedup_key like 'assessment-overdue-%-%';
-- round-opened-<district>-<year> (district codes hold no dash)
update notification
set dedup_key = 'round:' || substring(dedup_key from 14 for position('-' in substring(dedup_key from 14)) - 1)
    || '/' || substring(dedup_key from 14 + position('-' in substring(dedup_key from 14))) || ':opened'
where application_id is null and dedup_key like 'round-opened-%-%';

-- A mail the relay refuses no longer holds up the others (item 11): each notification counts its
-- own attempts, waits longer after each, and is given up after the last (mail_failed_at).
alter table notification add column mail_attempts integer default 0 not null;
alter table notification add column mail_next_at timestamp with time zone;
alter table notification add column mail_failed_at timestamp with time zone;
alter table notification add column mail_error varchar(500);
