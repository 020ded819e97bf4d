package cn.jiaoliu.app.notification;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A mail relay in front of the SMTP peer, as a bureau's relay behaves: it answers the SMTP
 * conversation itself where it refuses, and passes everything else on to the peer, which keeps
 * the mails it took. It can refuse a recipient's mailbox ({@code 550 5.1.1} to RCPT, a permanent
 * refusal of that mail only) and be too busy to take any mail ({@code 421} as its greeting).
 */
final class RefusingRelay implements AutoCloseable {

  private final ServerSocket server;
  private final int peerPort;
  private final Set<String> refusedMailboxes = ConcurrentHashMap.newKeySet();
  private final ExecutorService connections = Executors.newCachedThreadPool();
  private final AtomicInteger refusals = new AtomicInteger();
  private volatile boolean busy;

  RefusingRelay(int peerPort) {
    this.peerPort = peerPort;
    try {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    connections.submit(this::accept);
  }

  int port() {
    return server.getLocalPort();
  }

  /** Refuses, from now on, every mail to the addresses starting with {@code prefix}. */
  void refuseMailboxesStartingWith(String prefix) {
    refusedMailboxes.add(prefix.toLowerCase(Locale.ROOT));
  }

  /** While busy, it greets every connection with 421 and closes it. */
  void busy(boolean busy) {
    this.busy = busy;
  }

  /** How many times it refused a recipient. */
  int refusals() {
    return refusals.get();
  }

  @Override
  public void close() throws IOException {
    server.close();
    connections.shutdownNow();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        connections.submit(() -> converse(client));
      } catch (IOException closed) {
        return;
      }
    }
  }

  /** One SMTP conversation, a command and its reply at a time. */
  private void converse(Socket client) {
    try (client) {
      Writer toClient = writer(client.getOutputStream());
      if (busy) {
        send(toClient, "421 4.3.2 relay busy, try again later");
        return;
      }
      try (Socket peer = new Socket(InetAddress.getLoopbackAddress(), peerPort)) {
        BufferedReader fromClient = reader(client);
        BufferedReader fromPeer = reader(peer);
        Writer toPeer = writer(peer.getOutputStream());
        passReply(fromPeer, toClient);
        for (String command = fromClient.readLine(); command != null; command = fromClient.readLine()) {
          String upper = command.toUpperCase(Locale.ROOT);
          if (upper.startsWith("RCPT TO:") && refused(upper)) {
            refusals.incrementAndGet();
            send(toClient, "550 5.1.1 " + command.substring(8).trim() + ": mailbox unavailable");
            continue;
          }
          send(toPeer, command);
          passReply(fromPeer, toClient);
          if (upper.equals("DATA")) {
            // the message, up to the line with the single dot, then the peer's answer to it
            for (String line = fromClient.readLine(); line != null; line = fromClient.readLine()) {
              send(toPeer, line);
              if (line.equals(".")) {
                break;
              }
            }
            passReply(fromPeer, toClient);
          } else if (upper.equals("QUIT")) {
            return;
          }
        }
      }
    } catch (IOException e) {
      // the client or the peer hung up: the conversation is over
    }
  }

  private boolean refused(String rcpt) {
    String address = rcpt.substring(rcpt.indexOf('<') + 1).toLowerCase(Locale.ROOT);
    return refusedMailboxes.stream().anyMatch(address::startsWith);
  }

  /** A reply, one line or several ({@code 250-…} lines up to the {@code 250 …} one). */
  private static void passReply(BufferedReader from, Writer to) throws IOException {
    for (String line = from.readLine(); line != null; line = from.readLine()) {
      send(to, line);
      if (line.length() < 4 || line.charAt(3) != '-') {
        return;
      }
    }
  }

  private static void send(Writer to, String line) throws IOException {
    to.write(line);
    to.write("\r\n");
    to.flush();
  }

  // ISO-8859-1 passes every byte through unchanged, whatever the message's own encoding
  private static BufferedReader reader(Socket socket) throws IOException {
    return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
  }

  private static Writer writer(OutputStream out) {
    return new OutputStreamWriter(out, StandardCharsets.ISO_8859_1);
  }
}
