package org.govtel.provisioning.servicenumber;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class ServiceNumberRepository {

    private final JdbcClient jdbc;

    public ServiceNumberRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(ServiceNumber service) {
        jdbc.sql("""
                INSERT INTO service_numbers (number, kind, name_zh, name_en, target_uri)
                VALUES (:number, :kind, :nameZh, :nameEn, :targetUri)
                """)
                .param("number", service.number())
                .param("kind", service.kind().dbValue())
                .param("nameZh", service.nameZh())
                .param("nameEn", service.nameEn())
                .param("targetUri", service.targetUri())
                .update();
    }

    public Optional<ServiceNumber> findByNumber(String number) {
        return jdbc.sql("SELECT number, kind, name_zh, name_en, target_uri FROM service_numbers WHERE number = :number")
                .param("number", number)
                .query(ServiceNumberRepository::map)
                .optional();
    }

    public List<ServiceNumber> findAll() {
        return jdbc.sql("SELECT number, kind, name_zh, name_en, target_uri FROM service_numbers ORDER BY number")
                .query(ServiceNumberRepository::map)
                .list();
    }

    private static ServiceNumber map(ResultSet rs, int row) throws SQLException {
        return new ServiceNumber(rs.getString("number"), ServiceNumber.Kind.fromDb(rs.getString("kind")),
                rs.getString("name_zh"), rs.getString("name_en"), rs.getString("target_uri"));
    }
}
