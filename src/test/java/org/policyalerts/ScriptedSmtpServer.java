package org.policyalerts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A real SMTP server over TCP whose answers a test scripts: recipients starting with "reject" get a
 * permanent 550, those starting with "later" a 451 the first time, those starting with "busy" a 451 until
 * {@link #acceptBusy()}; a message to one starting with "drop" makes it hang up instead of answering the DATA. It
 * can be taken down for a while ({@link #outage}), refuse our sender while it demands a
 * login ({@link #requireAuth}) and run a hook when it accepts a message. GreenMail accepts everything, so failure
 * handling needs this one.
 */
public final class ScriptedSmtpServer implements AutoCloseable {

    /** How the server is unavailable. Open sessions get a 421 and are closed at their next command. */
    public enum Outage {
        /** Nothing listens on the port: connection refused. */
        REFUSE,
        /** Connections are accepted and closed without a word. */
        DROP,
        /** Connections are greeted with {@code 421 4.3.2 service not available} and closed. */
        GREET_421
    }

    private final int port;
    private volatile ServerSocket socket;
    private volatile Outage outage;
    private volatile boolean busyDeferred = true;
    private volatile boolean authRequired;
    private volatile Consumer<String> afterData = recipient -> { };
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> accepted = new CopyOnWriteArrayList<>();
    private final Set<String> deferredOnce = ConcurrentHashMap.newKeySet();

    public ScriptedSmtpServer() {
        listen(0);
        port = socket.getLocalPort();
    }

    public int port() {
        return port;
    }

    /** Takes the server down ({@code null}: brings it back). */
    public synchronized void outage(Outage mode) {
        Outage before = outage;
        outage = mode;
        if (mode == Outage.REFUSE && before != Outage.REFUSE) {
            closeQuietly();
        } else if (mode != Outage.REFUSE && before == Outage.REFUSE) {
            listen(port);
        }
    }

    /** While on, MAIL FROM is answered {@code 530 5.7.0 Authentication required} (a relay that wants a login). */
    public void requireAuth(boolean on) {
        authRequired = on;
    }

    /** From now on "busy…" recipients are accepted. */
    public void acceptBusy() {
        busyDeferred = false;
    }

    /**
     * Runs {@code hook} with the recipient each time a message has been received in full and counted as
     * accepted, right before its 250 goes out: the client is then waiting for the reply.
     */
    public void afterData(Consumer<String> hook) {
        afterData = hook;
    }

    private void listen(int onPort) {
        try {
            ServerSocket listening = new ServerSocket();
            listening.setReuseAddress(true);
            listening.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 50);
            socket = listening;
            Thread acceptor = new Thread(() -> acceptLoop(listening), "scripted-smtp");
            acceptor.setDaemon(true);
            acceptor.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int connections() {
        return connections.get();
    }

    /** Recipients of the messages it accepted, in order. */
    public List<String> accepted() {
        return accepted;
    }

    private void acceptLoop(ServerSocket listening) {
        while (!listening.isClosed()) {
            try {
                Socket client = listening.accept();
                connections.incrementAndGet();
                Thread session = new Thread(() -> converse(client), "scripted-smtp-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void converse(Socket client) {
        try (client;
             BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
             PrintWriter out = new PrintWriter(client.getOutputStream(), true, StandardCharsets.US_ASCII)) {
            if (outage == Outage.DROP) {
                return;
            }
            if (outage == Outage.GREET_421) {
                reply(out, "421 4.3.2 service not available");
                return;
            }
            reply(out, "220 scripted ESMTP");
            String recipient = null;
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.toUpperCase();
                if (outage != null) {
                    reply(out, "421 4.3.2 shutting down");
                    return;
                }
                if (command.startsWith("EHLO") || command.startsWith("HELO")) {
                    reply(out, "250 scripted");
                } else if (command.startsWith("MAIL FROM")) {
                    recipient = null;
                    reply(out, authRequired ? "530 5.7.0 Authentication required" : "250 2.1.0 ok");
                } else if (command.startsWith("RCPT TO")) {
                    recipient = line.substring(line.indexOf('<') + 1, line.indexOf('>'));
                    reply(out, rcptReply(recipient));
                } else if (command.startsWith("DATA")) {
                    reply(out, "354 go ahead");
                    String data;
                    while ((data = in.readLine()) != null && !".".equals(data)) {
                        // the message itself is not kept
                    }
                    if (data == null) {
                        return; // the client hung up mid-message: nothing was accepted
                    }
                    if (recipient != null && recipient.startsWith("drop")) {
                        return; // this message makes the server hang up without an answer
                    }
                    accepted.add(recipient);
                    afterData.accept(recipient);
                    reply(out, "250 2.0.0 queued as " + accepted.size());
                } else if (command.startsWith("QUIT")) {
                    reply(out, "221 bye");
                    return;
                } else {
                    reply(out, "250 ok");
                }
            }
        } catch (IOException e) {
            // the client hung up
        }
    }

    private String rcptReply(String recipient) {
        if (recipient.startsWith("reject")) {
            return "550 5.1.1 no such mailbox";
        }
        if (recipient.startsWith("busy") && busyDeferred) {
            return "451 4.2.1 mailbox busy, try again later";
        }
        if (recipient.startsWith("later") && deferredOnce.add(recipient)) {
            return "451 4.7.1 try again later";
        }
        return "250 2.1.5 ok";
    }

    private static void reply(PrintWriter out, String line) {
        out.print(line + "\r\n");
        out.flush();
    }

    @Override
    public void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
