package cn.jiaoliu.app.programme;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Transient;
import org.springframework.data.domain.Persistable;
import org.springframework.data.relational.core.mapping.Table;

/** A school; its code is the key that users' tokens carry. */
@Table("school")
public record School(
    @Id String code, String name, String districtCode, AreaType areaType, int remotenessTier, Integer pupils)
    implements Persistable<String> {

  @Override
  public String getId() {
    return code;
  }

  @Override
  @Transient
  public boolean isNew() {
    return false;
  }

  public boolean rural() {
    return areaType != AreaType.URBAN;
  }

  /** 城区 / 乡镇 / 村 */
  public enum AreaType {
    URBAN,
    TOWNSHIP,
    VILLAGE
  }
}
