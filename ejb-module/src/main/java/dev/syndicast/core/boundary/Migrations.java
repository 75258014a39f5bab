package dev.syndicast.core.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import javax.sql.DataSource;
import java.util.logging.Logger;

/**
 * Brings the schema to the current version before anything else runs. Beans that touch the database
 * at start-up declare {@code @DependsOn("Migrations")}.
 */
@Singleton
@Startup
@Resource(name = "java:app/jdbc/syndicast", lookup = "jdbc/syndicast", type = DataSource.class)
public class Migrations {

    private static final Logger LOG = Logger.getLogger(Migrations.class.getName());

    @Resource(lookup = "java:app/jdbc/syndicast")
    DataSource dataSource;

    // Flyway manages its own connections and commits; it must not run inside a JTA transaction.
    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void migrate() {
        MigrateResult result = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                // The batch runtime may have created its tables in the same schema first.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        LOG.info(() -> "event=schema_migrated applied=" + result.migrationsExecuted
                + " version=" + (result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion));
    }
}
