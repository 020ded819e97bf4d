-- The foundation's sample process is replaced by the rotation application.
drop table sample_request;
