package vn.danvan.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HashSet;
import java.util.Set;

/** Port helpers shared by the test resource and the launcher. */
public final class Ports {
    private Ports() {
    }

    /** Ports already handed out by this JVM: the system may offer a port again once its socket is closed. */
    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    /**
     * A port that was free a moment ago on the loopback interface, and not handed out before by this JVM (a launcher
     * asking for one port per service once got the same port for two of them).
     */
    public static synchronized int free() {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("no free port", e);
            }
        }
        throw new IllegalStateException("no port free that was not handed out already");
    }

    /** True when something already listens on the port (on any interface we could bind). */
    public static boolean inUse(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException notListening) {
            // Nothing answers on loopback; also make sure we could bind it ourselves.
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
