package io.farmwatch.agent.runtime.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * A raw HTTP/1.1 peer on a loopback socket that answers every request with the same bytes: the
 * first {@code prompt} bytes at once, the rest one at a time every {@code dribble}. It plays what a
 * real collector never would: a hostile collector or a middlebox that holds requests open.
 */
public final class ScriptedHttpServer implements AutoCloseable {

  private final ServerSocket socket;
  private final byte[] answer;
  private final int prompt;
  private final Duration dribble;
  private final AtomicInteger requests = new AtomicInteger();
  private final Thread acceptor;

  private ScriptedHttpServer(ServerSocket socket, byte[] answer, int prompt, Duration dribble) {
    this.socket = socket;
    this.answer = answer;
    this.prompt = prompt;
    this.dribble = dribble;
    this.acceptor = new Thread(this::acceptLoop, "scripted-http");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Answers {@code status} with this JSON body at once. */
  public static ScriptedHttpServer answering(int status, String headers, String jsonBody) throws IOException {
    byte[] answer = response(status, headers, jsonBody);
    return new ScriptedHttpServer(plainSocket(), answer, answer.length, Duration.ZERO);
  }

  /** Sends the first {@code prompt} bytes of the answer at once, then one byte every {@code every}. */
  public static ScriptedHttpServer dribbling(byte[] answer, int prompt, Duration every) throws IOException {
    return new ScriptedHttpServer(plainSocket(), answer, prompt, every);
  }

  /** Like {@link #dribbling}, over TLS with the PKCS#12 keystore (password "changeit"). */
  public static ScriptedHttpServer dribblingTls(Path keystore, byte[] answer, int prompt, Duration every)
      throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      store.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, "changeit".toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keys.getKeyManagers(), null, null);
    ServerSocket socket = tls.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    return new ScriptedHttpServer(socket, answer, prompt, every);
  }

  private static ServerSocket plainSocket() throws IOException {
    return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
  }

  /** A complete HTTP/1.1 answer. */
  public static byte[] response(int status, String headers, String jsonBody) {
    byte[] body = jsonBody.getBytes(StandardCharsets.UTF_8);
    String head = "HTTP/1.1 " + status + " Scripted\r\nContent-Type: application/json\r\nContent-Length: "
        + body.length + "\r\nConnection: close\r\n" + headers + "\r\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(body);
    return out.toByteArray();
  }

  public String url() {
    return (socket instanceof SSLServerSocket ? "https" : "http") + "://127.0.0.1:" + socket.getLocalPort();
  }

  public int requests() {
    return requests.get();
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      try {
        Socket s = socket.accept();
        Thread t = new Thread(() -> serve(s), "scripted-http-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket s) {
    try (s) {
      readRequest(s.getInputStream());
      requests.incrementAndGet();
      OutputStream out = s.getOutputStream();
      out.write(answer, 0, prompt);
      out.flush();
      for (int i = prompt; i < answer.length && !socket.isClosed(); i++) {
        Thread.sleep(dribble.toMillis());
        out.write(answer[i]);
        out.flush();
      }
    } catch (IOException | InterruptedException e) {
      // The client gave up: what the tests want to see.
    }
  }

  private static void readRequest(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        return;
      }
      head.append((char) b);
    }
    long length = 0;
    for (String line : head.toString().split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Long.parseLong(line.substring(15).strip());
      }
    }
    in.readNBytes((int) length);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
