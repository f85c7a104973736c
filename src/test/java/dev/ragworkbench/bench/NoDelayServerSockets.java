package dev.ragworkbench.bench;

import javax.net.ServerSocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Server sockets whose accepted connections have Nagle's algorithm off, for a scripted endpoint in a benchmark.
 * MockWebServer writes a response's headers and body as two segments on a socket with Nagle on, so the body waits
 * for the client's delayed ACK of the headers: 40 ms more per call on a reused connection (measured here: 244 ms
 * for a 200 ms answer, with curl as the client too). Real endpoints (Ollama's Go server, vLLM's uvicorn) turn
 * Nagle off, so with it on the fake endpoint would charge the app for a delay only the fake has.
 */
final class NoDelayServerSockets extends ServerSocketFactory {

    @Override
    public ServerSocket createServerSocket() throws IOException {
        return new ServerSocket() {
            @Override
            public Socket accept() throws IOException {
                var socket = new Socket();
                implAccept(socket);
                socket.setTcpNoDelay(true);
                return socket;
            }
        };
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        return bound(new InetSocketAddress(port), 50);
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) throws IOException {
        return bound(new InetSocketAddress(port), backlog);
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
        return bound(new InetSocketAddress(address, port), backlog);
    }

    private ServerSocket bound(InetSocketAddress address, int backlog) throws IOException {
        var socket = createServerSocket();
        socket.bind(address, backlog);
        return socket;
    }
}
