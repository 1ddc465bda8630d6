package dev.reve.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import javax.net.ServerSocketFactory;

/**
 * Server sockets whose connections have TCP_NODELAY. MockWebServer writes a response's head and
 * body in separate small writes; with Nagle's algorithm on, the body waits for the client's
 * delayed ACK, about 40 ms on Linux, on every exchange.
 */
public final class NoDelayServerSockets extends ServerSocketFactory {
  /** A factory; give it to {@code MockWebServer.setServerSocketFactory} before starting. */
  public NoDelayServerSockets() {}

  @Override
  public ServerSocket createServerSocket() throws IOException {
    return new ServerSocket() {
      @Override
      public Socket accept() throws IOException {
        Socket accepted = super.accept();
        accepted.setTcpNoDelay(true);
        return accepted;
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
    ServerSocket socket = createServerSocket();
    socket.bind(address, backlog);
    return socket;
  }
}
