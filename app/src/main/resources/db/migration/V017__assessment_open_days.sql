-- How many days before the end of a school year (31 August) the district may open its assessment
-- round (issue 12, item 14): a round once opened for a school year not yet taught. 60 days: from
-- early July, when the year's teaching is over.
alter table district add column assessment_open_days integer default 60 not null;
alter table district add constraint district_assessment_open_days check (assessment_open_days between 0 and 366);
