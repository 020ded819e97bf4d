-- The statistics count a district's assignments per batch and school year (start date).
create index assignment_batch_start on assignment (batch_id, starts_on);
