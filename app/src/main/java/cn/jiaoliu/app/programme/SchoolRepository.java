package cn.jiaoliu.app.programme;

import java.util.List;
import org.springframework.data.repository.ListCrudRepository;

public interface SchoolRepository extends ListCrudRepository<School, String> {

  List<School> findByDistrictCodeOrderByCode(String districtCode);
}
