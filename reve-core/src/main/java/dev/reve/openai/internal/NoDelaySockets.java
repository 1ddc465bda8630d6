package dev.reve.openai.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Sockets with TCP_NODELAY. OkHttp writes a request larger than one okio segment (8 KiB: a long
 * dream, a session's later turns, an upload's first part) in several writes; with Nagle's algorithm
 * on, the last one waits for the server's delayed ACK, 40 ms on Linux, on every such request. The
 * client sends whole requests and then reads, so there is nothing for Nagle to coalesce.
 */
public final class NoDelaySockets extends SocketFactory {
  private final SocketFactory delegate;

  /** Sockets of {@code delegate}, each with TCP_NODELAY set. */
  public NoDelaySockets(SocketFactory delegate) {
    this.delegate = delegate;
  }

  @Override
  public Socket createSocket() throws IOException {
    return noDelay(delegate.createSocket());
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return noDelay(delegate.createSocket(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    return noDelay(delegate.createSocket(host, port, localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return noDelay(delegate.createSocket(host, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return noDelay(delegate.createSocket(address, port, localAddress, localPort));
  }

  private static Socket noDelay(Socket socket) throws IOException {
    socket.setTcpNoDelay(true);
    return socket;
  }
}
