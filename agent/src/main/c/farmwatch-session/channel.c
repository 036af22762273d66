#include "channel.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

static long long monotonic_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* Waits for events on fd until deadline; false on timeout or error. */
static bool wait_for(int fd, short events, long long deadline) {
  while (true) {
    long long left = deadline - monotonic_ms();
    if (left <= 0) {
      return false;
    }
    struct pollfd p = {fd, events, 0};
    int n = poll(&p, 1, (int)left);
    if (n > 0) {
      return true;
    }
    if (n < 0 && errno != EINTR) {
      return false;
    }
  }
}

/* Moves the first line out of the buffer, when there is one. */
static bool take_line(struct line_reader *r, char *line, size_t *length) {
  char *newline = memchr(r->buf, '\n', r->length);
  if (newline == NULL) {
    return false;
  }
  size_t n = (size_t)(newline - r->buf);
  memcpy(line, r->buf, n);
  line[n] = '\0';
  *length = n;
  r->length -= n + 1;
  memmove(r->buf, newline + 1, r->length);
  return true;
}

enum read_result channel_read_line(int fd, struct line_reader *r, char *line, size_t *length) {
  if (take_line(r, line, length)) {
    return READ_LINE;
  }
  ssize_t n = recv(fd, r->buf + r->length, sizeof r->buf - r->length, MSG_DONTWAIT);
  if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
    return READ_CLOSED;
  }
  if (n < 0) {
    return READ_NOTHING;
  }
  r->length += (size_t)n;
  if (r->discarding) {
    char *newline = memchr(r->buf, '\n', r->length);
    if (newline == NULL) {
      r->length = 0;
      return READ_NOTHING;
    }
    r->length -= (size_t)(newline + 1 - r->buf);
    memmove(r->buf, newline + 1, r->length);
    r->discarding = false;
  }
  if (take_line(r, line, length)) {
    return READ_LINE;
  }
  if (r->length == sizeof r->buf) {
    /* A full buffer without a newline: the line is over the limit; its rest is dropped as it comes. */
    r->discarding = true;
    r->length = 0;
  }
  return READ_NOTHING;
}

enum connect_result channel_connect(const char *path, int *fd, struct answer *answer, char *error, size_t capacity) {
  struct sockaddr_un address = {.sun_family = AF_UNIX};
  if (strlen(path) >= sizeof address.sun_path) {
    snprintf(error, capacity, "%s: path too long for a Unix socket", path);
    return CONNECT_FAILED;
  }
  strcpy(address.sun_path, path);
  int s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (s < 0) {
    snprintf(error, capacity, "socket: %s", strerror(errno));
    return CONNECT_FAILED;
  }
  if (connect(s, (struct sockaddr *)&address, sizeof address) != 0) {
    snprintf(error, capacity, "%s: %s", path, strerror(errno));
    close(s);
    return CONNECT_FAILED;
  }
  struct line_reader reader = {.length = 0};
  char line[FW_MAX_MESSAGE_BYTES];
  size_t length;
  long long deadline = monotonic_ms() + FW_IO_TIMEOUT_MS;
  while (true) {
    if (!wait_for(s, POLLIN, deadline)) {
      snprintf(error, capacity, "%s: no answer within %d s", path, FW_IO_TIMEOUT_MS / 1000);
      close(s);
      return CONNECT_FAILED;
    }
    enum read_result got = channel_read_line(s, &reader, line, &length);
    if (reader.discarding) {
      close(s);
      answer->accepted = false;
      snprintf(answer->code, sizeof answer->code, "too_large");
      snprintf(answer->message, sizeof answer->message, "no line end within %d bytes", FW_MAX_MESSAGE_BYTES);
      return CONNECT_REFUSED;
    }
    if (got == READ_CLOSED) {
      snprintf(error, capacity, "the service closed the connection without an answer");
      close(s);
      return CONNECT_FAILED;
    }
    if (got == READ_LINE) {
      break;
    }
  }
  wire_answer(line, length, answer);
  if (!answer->accepted) {
    close(s);
    return CONNECT_REFUSED;
  }
  *fd = s;
  return CONNECT_ACCEPTED;
}

bool channel_send(int fd, const char *buf, size_t length, char *error, size_t capacity) {
  long long deadline = monotonic_ms() + FW_IO_TIMEOUT_MS;
  size_t sent = 0;
  while (sent < length) {
    ssize_t n = send(fd, buf + sent, length - sent, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n > 0) {
      sent += (size_t)n;
      continue;
    }
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
      if (wait_for(fd, POLLOUT, deadline)) {
        continue;
      }
      snprintf(error, capacity, "the service took no message within %d s", FW_IO_TIMEOUT_MS / 1000);
      return false;
    }
    snprintf(error, capacity, "%s", n < 0 ? strerror(errno) : "nothing written");
    return false;
  }
  return true;
}
