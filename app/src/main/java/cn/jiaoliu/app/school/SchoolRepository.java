package cn.jiaoliu.app.school;

import java.util.List;
import org.springframework.data.repository.ListCrudRepository;

public interface SchoolRepository extends ListCrudRepository<School, String> {

  List<School> findByDistrictCodeOrderByCode(String districtCode);
}
