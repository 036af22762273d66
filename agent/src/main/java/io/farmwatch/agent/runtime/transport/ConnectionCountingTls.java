package io.farmwatch.agent.runtime.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The agent's TLS socket factory, which also tells when a new TCP connection to the collector was
 * made. It leaves unconnected sockets unimplemented ({@link javax.net.SocketFactory#createSocket()}
 * throws, as documented, a SocketException caused by UnsupportedOperationException), so
 * HttpsURLConnection connects a plain socket itself and then layers TLS over it here: each call of
 * {@link #createSocket(Socket, String, int, boolean)} is one TCP handshake that has just completed,
 * and a request that causes no call went over a kept-alive connection.
 */
final class ConnectionCountingTls extends SSLSocketFactory {

  private final SSLSocketFactory tls;
  private volatile long connections;
  private volatile long lastConnectedNanos;

  ConnectionCountingTls(SSLSocketFactory tls) {
    this.tls = tls;
  }

  long connections() {
    return connections;
  }

  /** {@link System#nanoTime()} when the newest connection's TCP handshake had completed. */
  long lastConnectedNanos() {
    return lastConnectedNanos;
  }

  @Override
  public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
    lastConnectedNanos = System.nanoTime();
    connections++;
    return tls.createSocket(s, host, port, autoClose);
  }

  @Override
  public String[] getDefaultCipherSuites() {
    return tls.getDefaultCipherSuites();
  }

  @Override
  public String[] getSupportedCipherSuites() {
    return tls.getSupportedCipherSuites();
  }

  // HttpsURLConnection never calls these (it connects the socket itself); they only complete the factory.

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return tls.createSocket(host, port);
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    return tls.createSocket(host, port, localHost, localPort);
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return tls.createSocket(host, port);
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return tls.createSocket(address, port, localAddress, localPort);
  }
}
