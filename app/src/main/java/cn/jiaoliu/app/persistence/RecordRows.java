package cn.jiaoliu.app.persistence;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.beans.BeanUtils;
import org.springframework.core.MethodParameter;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.util.ClassUtils;

/**
 * Maps each row of one query onto a record: component {@code dueAt} from column {@code due_at} (or
 * {@code dueat}). The columns are looked up once per query, in the result's metadata. Spring's own
 * record mapper ({@code JdbcClient.query(Class)}) asks the driver for {@code dueAt} first on every
 * row, and the PostgreSQL driver answers a missing name with an exception: thousands of them per
 * inbox page, a measurable part of the app's CPU (benchmark B1). A mapper holds one query's column
 * positions: make a new one per query with {@link #of}.
 */
public final class RecordRows<T extends Record> implements RowMapper<T> {

  private static final ConcurrentMap<Class<?>, Shape<?>> SHAPES = new ConcurrentHashMap<>();
  private static final ConversionService CONVERSION = DefaultConversionService.getSharedInstance();

  private final Shape<T> shape;
  private int[] columns;

  private RecordRows(Shape<T> shape) {
    this.shape = shape;
  }

  /** A mapper for one query's rows. */
  @SuppressWarnings("unchecked")
  public static <T extends Record> RecordRows<T> of(Class<T> type) {
    return new RecordRows<>((Shape<T>) SHAPES.computeIfAbsent(type, Shape::new));
  }

  @Override
  public T mapRow(ResultSet rs, int rowNum) throws SQLException {
    if (columns == null) {
      columns = shape.columnsIn(rs.getMetaData());
    }
    Object[] args = new Object[columns.length];
    for (int i = 0; i < columns.length; i++) {
      Class<?> type = shape.types[i];
      Object value = JdbcUtils.getResultSetValue(rs, columns[i], type);
      if (value != null && !ClassUtils.isAssignableValue(type, value)) {
        value = CONVERSION.convert(value, TypeDescriptor.forObject(value), shape.descriptors[i]);
      }
      args[i] = value;
    }
    return BeanUtils.instantiateClass(shape.constructor, args);
  }

  /** A record's canonical constructor and its components' names and types. */
  private static final class Shape<T> {
    private final Class<T> type;
    private final Constructor<T> constructor;
    private final String[] names;
    private final Class<?>[] types;
    private final TypeDescriptor[] descriptors;

    Shape(Class<?> recordType) {
      @SuppressWarnings("unchecked")
      Class<T> t = (Class<T>) recordType;
      this.type = t;
      RecordComponent[] components = recordType.getRecordComponents();
      if (components == null) {
        throw new IllegalArgumentException(recordType + " is not a record");
      }
      Class<?>[] parameterTypes = new Class<?>[components.length];
      names = new String[components.length];
      for (int i = 0; i < components.length; i++) {
        parameterTypes[i] = components[i].getType();
        names[i] = components[i].getName();
      }
      try {
        constructor = t.getDeclaredConstructor(parameterTypes);
      } catch (NoSuchMethodException e) {
        throw new IllegalArgumentException(recordType + " has no canonical constructor", e);
      }
      types = parameterTypes;
      descriptors = new TypeDescriptor[components.length];
      for (int i = 0; i < components.length; i++) {
        descriptors[i] = new TypeDescriptor(MethodParameter.forExecutable(constructor, i));
      }
    }

    int[] columnsIn(ResultSetMetaData meta) throws SQLException {
      Map<String, Integer> byLabel = new HashMap<>();
      for (int c = meta.getColumnCount(); c >= 1; c--) {
        // the first of two equal labels wins, as with ResultSet.findColumn
        byLabel.put(JdbcUtils.lookupColumnName(meta, c).replace("_", "").toLowerCase(Locale.ROOT), c);
      }
      int[] columns = new int[names.length];
      for (int i = 0; i < names.length; i++) {
        Integer c = byLabel.get(names[i].toLowerCase(Locale.ROOT));
        if (c == null) {
          throw new InvalidDataAccessApiUsageException("no column for " + type.getSimpleName() + "." + names[i]);
        }
        columns[i] = c;
      }
      return columns;
    }
  }
}
