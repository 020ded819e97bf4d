package cn.jiaoliu.app.sample;

import java.util.List;
import java.util.Optional;
import org.springframework.data.repository.ListCrudRepository;

interface SampleRequestRepository extends ListCrudRepository<SampleRequest, Long> {

  Optional<SampleRequest> findByRequestToken(String requestToken);

  List<SampleRequest> findByTeacherUsernameOrderByIdDesc(String teacherUsername);

  List<SampleRequest> findTop20ByProcessInstanceKeyIsNullAndCreatedAtBeforeOrderById(java.time.OffsetDateTime before);
}
