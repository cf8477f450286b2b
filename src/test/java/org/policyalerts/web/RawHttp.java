package org.policyalerts.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket, for requests a well-behaved client refuses to send: malformed percent-encoding,
 * raw bytes in headers, invalid UTF-8 bodies, chunked bodies of any size.
 */
final class RawHttp {

    record Response(int status, String headers, String body) {

        String header(String name) {
            for (String line : headers.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).strip();
                }
            }
            return null;
        }
    }

    private final int port;

    RawHttp(int port) {
        this.port = port;
    }

    /** {@code head} is the request line and header lines, without the final blank line; a Content-Length is added. */
    Response send(String head, byte[] body) {
        String withLength = body.length == 0 && !head.toLowerCase(Locale.ROOT).contains("content-length")
                ? head : head + "\r\nContent-Length: " + body.length;
        return exchange(out -> {
            out.write(bytes(withLength + "\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
            out.write(body);
        });
    }

    /** Sends {@code body} in chunks of 8 KiB with no declared length. */
    Response sendChunked(String head, byte[] body) {
        return exchange(out -> {
            out.write(bytes(head + "\r\nHost: localhost\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n"));
            for (int i = 0; i < body.length; i += 8192) {
                int n = Math.min(8192, body.length - i);
                out.write(bytes(Integer.toHexString(n) + "\r\n"));
                out.write(body, i, n);
                out.write(bytes("\r\n"));
            }
            out.write(bytes("0\r\n\r\n"));
        });
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private Response exchange(Writer request) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(20_000);
            try {
                request.write(socket.getOutputStream());
                socket.getOutputStream().flush();
            } catch (SocketException closedEarly) {
                // The server may answer and close before it has read a body it refuses; read what it said.
            }
            return parse(readAll(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                all.write(buffer, 0, n);
            }
        } catch (SocketException reset) {
            // A reset after the response arrived: keep what was read.
        }
        return all.toByteArray();
    }

    private static Response parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || end < 0) {
            throw new AssertionError("not an HTTP response: " + text);
        }
        return new Response(Integer.parseInt(text.substring(9, 12)), text.substring(0, end), text.substring(end + 4));
    }
}
