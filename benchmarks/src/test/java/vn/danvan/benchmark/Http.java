package vn.danvan.benchmark;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The load generator's HTTP: HTTP/1.1 over plain blocking sockets, one keep-alive connection per client thread and
 * server, no token (the platform runs without Keycloak). It shares the two cores with the platform it measures, so it
 * does only what a call needs: write the request, read the status line, the headers and a body sized by
 * {@code Content-Length} or chunked. (The JDK's {@code HttpClient} cost 0.33 ms of CPU per request here, a tenth of a
 * registration: measured with the {@code GET /q/health/live} baseline, docs/benchmarks.md.)
 */
final class Http {
    private static final int TIMEOUT_MS = 30_000;

    /** What a server answered; header names in lower case. */
    record Answer(String method, String path, int statusCode, Map<String, String> headers, String body) {
        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }
    }

    private final ThreadLocal<Map<String, Connection>> connections = ThreadLocal.withInitial(HashMap::new);

    Answer get(URI uri) {
        return send("GET", uri, null);
    }

    Answer postJson(URI uri, String json) {
        return send("POST", uri, json.getBytes(StandardCharsets.UTF_8));
    }

    /** GET that must answer 200; the body. */
    String getOk(URI uri) {
        Answer answer = get(uri);
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("GET " + uri + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return answer.body();
    }

    private Answer send(String method, URI uri, byte[] body) {
        String server = uri.getHost() + ":" + uri.getPort();
        Map<String, Connection> mine = connections.get();
        Connection connection = mine.get(server);
        try {
            if (connection == null) {
                connection = new Connection(uri.getHost(), uri.getPort());
                mine.put(server, connection);
            }
            Answer answer = connection.exchange(method, uri, server, body);
            if ("close".equalsIgnoreCase(answer.headers().get("connection"))) {
                connection.close();
                mine.remove(server);
            }
            return answer;
        } catch (IOException e) {
            if (connection != null) {
                connection.close();
            }
            mine.remove(server);
            throw new UncheckedIOException(method + " " + uri + " failed: " + e, e);
        }
    }

    private static final class Connection {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        Connection(String host, int port) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(TIMEOUT_MS);
            socket.connect(new InetSocketAddress(host, port), 5_000);
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = socket.getOutputStream();
        }

        Answer exchange(String method, URI uri, String server, byte[] body) throws IOException {
            String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            StringBuilder head = new StringBuilder(160).append(method).append(' ').append(target)
                    .append(" HTTP/1.1\r\nHost: ").append(server).append("\r\nAccept: application/json\r\n");
            if (body != null) {
                head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
            if (body == null) {
                out.write(headBytes);
            } else {
                byte[] request = new byte[headBytes.length + body.length];
                System.arraycopy(headBytes, 0, request, 0, headBytes.length);
                System.arraycopy(body, 0, request, headBytes.length, body.length);
                out.write(request);
            }
            out.flush();

            String status = line();
            if (!status.startsWith("HTTP/1.1 ") || status.length() < 12) {
                throw new IOException("not an HTTP/1.1 status line: " + status);
            }
            int code = Integer.parseInt(status.substring(9, 12));
            Map<String, String> headers = new HashMap<>();
            for (String header = line(); !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                if (colon > 0) {
                    headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
                }
            }
            byte[] content;
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                content = chunked();
            } else {
                content = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
            }
            return new Answer(method, uri.getPath(), code, headers, new String(content, StandardCharsets.UTF_8));
        }

        private byte[] chunked() throws IOException {
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            while (true) {
                String size = line();
                int semicolon = size.indexOf(';');
                int length = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
                if (length == 0) {
                    while (!line().isEmpty()) {
                        // trailers
                    }
                    return content.toByteArray();
                }
                content.write(in.readNBytes(length));
                line();
            }
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("connection closed by the server");
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
