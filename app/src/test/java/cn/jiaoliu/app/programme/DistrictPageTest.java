package cn.jiaoliu.app.programme;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A page redirect built from the district the user sent is encoded: a malformed district once broke
 * the redirect and answered 500 after the write had committed.
 */
class DistrictPageTest {

  @Test
  void theDistrictIsEncodedAsAQueryValue() {
    assertThat(AdminPages.districtPage("/admin/pairings", "L C%\r\n中&x=1"))
        .isEqualTo("/admin/pairings?district=L%20C%25%0D%0A%E4%B8%AD%26x%3D1");
    assertThat(AdminPages.districtPage("/admin/schools", null)).isEqualTo("/admin/schools?district=");
  }
}
