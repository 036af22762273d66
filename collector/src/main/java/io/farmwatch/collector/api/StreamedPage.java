package io.farmwatch.collector.api;

import io.farmwatch.protocol.ProtocolJson;
import io.javalin.http.Context;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A list answer written item by item to the response as it is read, so no page is ever held whole:
 * {@code {"NAME":[item,...],"next":CURSOR}}. The page ends at its item count or when the next item
 * would take it past {@link #MAX_BYTES}, whichever comes first; the caller then names where the
 * next page starts.
 */
final class StreamedPage {

  /** Largest answer, unless its single first item is larger. */
  static final int MAX_BYTES = 1024 * 1024;

  private final OutputStream out;
  private final int limit;
  private int count;
  private long bytes;
  private boolean full;

  private StreamedPage(OutputStream out, int limit) {
    this.out = out;
    this.limit = limit;
  }

  static StreamedPage open(Context ctx, String name, int limit) throws IOException {
    ctx.status(200).contentType("application/json");
    StreamedPage page = new StreamedPage(new BufferedOutputStream(ctx.outputStream(), 64 * 1024), limit);
    page.write(("{\"" + name + "\":[").getBytes(StandardCharsets.UTF_8));
    return page;
  }

  /** Writes the item if the page has room for it; false once the page is full. */
  boolean add(Object item) throws IOException {
    if (count >= limit) {
      full = true;
      return false;
    }
    byte[] json = ProtocolJson.mapper().writeValueAsBytes(item);
    if (count > 0 && bytes + json.length + 1 > MAX_BYTES) {
      full = true;
      return false;
    }
    if (count > 0) {
      write(new byte[] {','});
    }
    write(json);
    count++;
    return true;
  }

  /** True when the page ended at its count or size, so there may be more after it. */
  boolean full() {
    return full || count >= limit;
  }

  /** Closes the list with the cursor of the next page, null when there is none. */
  void finish(Object next) throws IOException {
    write(("],\"next\":").getBytes(StandardCharsets.UTF_8));
    write(ProtocolJson.mapper().writeValueAsBytes(next));
    write(new byte[] {'}'});
    out.flush();
  }

  private void write(byte[] data) throws IOException {
    out.write(data);
    bytes += data.length;
  }
}
