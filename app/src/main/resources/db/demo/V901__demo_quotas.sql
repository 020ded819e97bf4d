-- DEMO DATA: quotas and deadlines of the demo batch.
update rotation_batch set min_years_of_service = 3 where district_code = 'LC';

insert into batch_quota (batch_id, school_code, direction, quota)
select b.id, s.code, 'URBAN_TO_RURAL', case when s.code = 'LC-U01' then 5 else 3 end
from rotation_batch b, school s where b.district_code = 'LC' and s.district_code = 'LC' and s.area_type = 'URBAN';

insert into batch_quota (batch_id, school_code, direction, quota)
select b.id, s.code, 'RURAL_TO_URBAN', 2
from rotation_batch b, school s where b.district_code = 'LC' and s.district_code = 'LC' and s.area_type <> 'URBAN';
