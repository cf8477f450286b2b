package org.policyalerts.delivery;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Wakes this instance's senders as soon as any instance queues deliveries: a trigger on {@code delivery}
 * notifies {@code alerts_outbox} in the queueing transaction (migration V17), and one daemon thread per instance
 * LISTENs on a connection of its own. Without it another instance would join a run only at its next poll, and a
 * small run would be over before it did. Polling stays the fallback: a lost connection is reopened quietly, and
 * what was queued meanwhile is picked up by the wake that follows every reconnect, or by the poll.
 */
@Component
class OutboxListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxListener.class);
    private static final String CHANNEL = "alerts_outbox";
    /** How long one wait for notices lasts: also how soon a stop is noticed. */
    private static final int WAIT_MILLIS = 1_000;
    private static final long RECONNECT_MILLIS = 2_000;

    private final DataSource dataSource;
    private final Dispatcher dispatcher;
    private volatile boolean running;
    private Thread thread;

    OutboxListener(DataSource dataSource, Dispatcher dispatcher) {
        this.dataSource = dataSource;
        this.dispatcher = dispatcher;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::listen, "outbox-listener");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        thread.interrupt();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        while (running) {
            // Held for as long as it works: one connection of the pool, so the credentials and settings are the
            // application's own.
            try (Connection connection = dataSource.getConnection()) {
                PGConnection pg = connection.unwrap(PGConnection.class);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("listen " + CHANNEL);
                }
                dispatcher.wake();
                while (running) {
                    PGNotification[] notices = pg.getNotifications(WAIT_MILLIS);
                    if (notices != null && notices.length > 0) {
                        dispatcher.wake();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                log.debug("Not listening for queued mail ({}); polling covers it until the connection is back",
                        e.getMessage());
                try {
                    Thread.sleep(RECONNECT_MILLIS);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }
}
