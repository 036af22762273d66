/*
 * farmwatch-session: the Linux session helper (docs/runtime.md, "Session helper"). Runs as the user
 * in a graphical session, counts input timing there (never content) and hands per-minute counts to
 * the agent service over its Unix socket, speaking the same protocol as `farmwatch-agent session`.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "channel.h"
#include "counter.h"
#include "locale.h"
#include "wire.h"
#include "xinput.h"

#ifndef FW_VERSION
#define FW_VERSION "dev"
#endif

enum { EXIT_OK = 0, EXIT_FAILED = 1, EXIT_USAGE = 2, EXIT_REFUSED = 77 };
enum { TICK_MS = 1000, BACKOFF_INITIAL_MS = 2000, BACKOFF_MAX_MS = 300000 };

static const char DEFAULT_SOCKET[] = "/run/farmwatch-agent/session.sock";
static const char WAYLAND_REASON[] =
    "wayland: the compositor gives no client the session's input and there is no X server; the service keeps"
    " reading evdev, which cannot tell injected input";

static volatile sig_atomic_t stopping;

static void stop(int signal) {
  (void)signal;
  stopping = 1;
}

static long long monotonic_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static void say(const char *format, ...) __attribute__((format(printf, 1, 2)));

static void say(const char *format, ...) {
  va_list args;
  va_start(args, format);
  fputs("farmwatch-session: ", stderr);
  vfprintf(stderr, format, args);
  fputc('\n', stderr);
  va_end(args);
}

/* Doubling retry delays from 2 s to 5 min, each drawn between half and all of its step. */
static long long backoff_next(int *failures) {
  long long base = BACKOFF_INITIAL_MS;
  for (int i = 0; i < *failures && base < BACKOFF_MAX_MS; i++) {
    base *= 2;
  }
  base = base < BACKOFF_MAX_MS ? base : BACKOFF_MAX_MS;
  (*failures)++;
  unsigned int r = 0;
  if (getrandom(&r, sizeof r, GRND_NONBLOCK) != sizeof r) {
    r = (unsigned int)monotonic_ms();
  }
  return base / 2 + (long long)(r % (unsigned int)(base - base / 2 + 1));
}

static int check(const char *socket_path) {
  int fd;
  struct answer answer;
  char error[512];
  switch (channel_connect(socket_path, &fd, &answer, error, sizeof error)) {
    case CONNECT_ACCEPTED:
      close(fd);
      printf("accepted: the service takes this session's counts\n");
      return EXIT_OK;
    case CONNECT_REFUSED:
      fprintf(stderr, "refused: %s: %s\n", answer.code, answer.message);
      return EXIT_REFUSED;
    default:
      fprintf(stderr, "cannot reach the service: %s\n", error);
      return EXIT_FAILED;
  }
}

/* What this session offers: the X server, or why there is nothing to sample. */
static bool open_source(struct x_source *x, char *why, size_t capacity, const char **source) {
  *source = "x11-xinput2";
  if (getenv("DISPLAY") != NULL) {
    return x_source_open(x, why, capacity);
  }
  *source = "none";
  const char *type = getenv("XDG_SESSION_TYPE");
  if (getenv("WAYLAND_DISPLAY") != NULL || (type != NULL && strcmp(type, "wayland") == 0)) {
    snprintf(why, capacity, "%s", WAYLAND_REASON);
  } else {
    snprintf(why, capacity, "no DISPLAY: not a graphical session");
  }
  return false;
}

struct helper {
  const char *socket_path;
  const char *source;
  struct x_source x;
  bool sampling;
  char unavailable[FW_MAX_REASON_CHARS + 1];
  struct counter counter;
  int fd;
  struct line_reader reader;
  int failures;
  long long next_connect;
  long long last_send;
};

/* Connects when due; returns false when the helper should stop (another helper of the user runs). */
static bool connect_when_due(struct helper *h, long long now) {
  if (h->fd >= 0 || now < h->next_connect) {
    return true;
  }
  struct answer answer;
  char error[sizeof answer.code + sizeof answer.message + 2];
  enum connect_result result = channel_connect(h->socket_path, &h->fd, &answer, error, sizeof error);
  if (result == CONNECT_ACCEPTED) {
    h->failures = 0;
    memset(&h->reader, 0, sizeof h->reader);
    say("connected to the service");
    return true;
  }
  h->fd = -1;
  if (result == CONNECT_REFUSED) {
    if (strcmp(answer.code, "already_connected") == 0) {
      /* Both the XDG autostart entry and the user unit started a helper: one is enough. */
      say("stopped: %s: %s", answer.code, answer.message);
      return false;
    }
    snprintf(error, sizeof error, "%s: %s", answer.code, answer.message);
  }
  long long wait = backoff_next(&h->failures);
  say("cannot reach the service (%s); again in %lld s", error, wait / 1000);
  h->next_connect = now + wait;
  return true;
}

static void disconnect(struct helper *h, const char *why) {
  say("lost the service (%s); reconnecting", why);
  close(h->fd);
  h->fd = -1;
}

static struct names layouts(struct helper *h) {
  struct names n = {0};
  if (h->sampling) {
    x_source_layouts(&h->x, &n);
  }
  if (n.count == 0) {
    locale_file_layouts(&n);
  }
  return n;
}

/* Sends the changed minutes when due; returns true when a message went out. */
static bool send_when_due(struct helper *h, long long now) {
  bool due = !h->sampling || counter_has_changes(&h->counter);
  if (h->fd < 0 || !due || now - h->last_send < FW_SEND_SPACING_MS) {
    return false;
  }
  struct timespec wall;
  clock_gettime(CLOCK_REALTIME, &wall);
  struct minute minutes[FW_MAX_MINUTES];
  int count = counter_take(&h->counter, (int64_t)(wall.tv_sec / 60), minutes);
  struct names layout_names = layouts(h);
  struct names methods = {0};
  locale_input_methods(&methods);
  char line[FW_MAX_MESSAGE_BYTES];
  int length = wire_message(line, sizeof line, h->source, minutes, count, &layout_names, &methods,
                            h->sampling ? NULL : h->unavailable);
  char error[256];
  if (length < 0) {
    /* Cannot happen within the bounds of the parts; the names go rather than the counts. */
    length = wire_message(line, sizeof line, h->source, minutes, count, NULL, NULL, h->sampling ? NULL : h->unavailable);
  }
  if (length < 0 || !channel_send(h->fd, line, (size_t)length, error, sizeof error)) {
    counter_put_back(&h->counter, minutes, count);
    disconnect(h, length < 0 ? "message over the limit" : error);
    return false;
  }
  h->last_send = now;
  return true;
}

/* Reads what the service wrote: a refusal before it closes, or the close itself. */
static void read_service(struct helper *h) {
  char line[FW_MAX_MESSAGE_BYTES];
  size_t length;
  while (true) {
    enum read_result got = channel_read_line(h->fd, &h->reader, line, &length);
    if (got == READ_CLOSED) {
      disconnect(h, "the service closed the connection");
      return;
    }
    if (got == READ_NOTHING) {
      return;
    }
    struct answer answer;
    wire_answer(line, length, &answer);
    if (!answer.accepted) {
      say("the service refused a message: %s: %s", answer.code, answer.message);
    }
  }
}

static int run(const char *socket_path) {
  static struct helper h;
  h.socket_path = socket_path;
  h.fd = -1;
  h.last_send = monotonic_ms() - FW_SEND_SPACING_MS;
  h.sampling = open_source(&h.x, h.unavailable, sizeof h.unavailable, &h.source);
  if (!h.sampling) {
    say("unavailable: %s", h.unavailable);
  }
  while (!stopping) {
    long long now = monotonic_ms();
    if (!connect_when_due(&h, now)) {
      break;
    }
    if (send_when_due(&h, now) && !h.sampling) {
      break; /* the service knows why there is nothing to count; nothing more to do */
    }
    /* Drained right before sleeping: a reply read above (the layouts) may have queued events. */
    bool more = h.sampling && x_source_drain(&h.x, &h.counter);
    struct pollfd fds[2] = {{h.sampling ? x_source_fd(&h.x) : -1, POLLIN, 0}, {h.fd, POLLIN, 0}};
    /* Asleep until the X server or the service writes; the tick only paces connecting and sending. */
    if (poll(fds, 2, more ? 0 : TICK_MS) < 0 && errno != EINTR) {
      say("poll: %s", strerror(errno));
      break;
    }
    if (h.fd >= 0 && (fds[1].revents & (POLLIN | POLLHUP | POLLERR)) != 0) {
      read_service(&h);
    }
  }
  if (h.fd >= 0) {
    close(h.fd);
  }
  if (h.sampling) {
    x_source_close(&h.x);
  } else {
    fprintf(stderr, "unavailable: %s\n", h.unavailable);
  }
  return EXIT_OK;
}

static void usage(FILE *to) {
  fprintf(to,
          "Usage: farmwatch-session [--socket PATH] [--check]\n"
          "The session helper: counts input timing in this graphical session (X11 XInput2; XTEST input counted as\n"
          "injected; never what was typed) and sends per-minute counts with the session's keyboard layouts and\n"
          "input methods to the FarmWatch agent service over its socket. Started by XDG autostart or the systemd\n"
          "user unit farmwatch-session.service; not needed by hand.\n"
          "  --socket PATH  the service's socket (default %s)\n"
          "  --check        connect once, say whether the service takes this user's counts, and exit\n"
          "  --version      print the version\n"
          "Exit codes: 0 ok (also when there is nothing to sample here, or another helper of the user runs: said\n"
          "on stderr), 1 failed, 2 usage, 77 (--check) the service refuses this user.\n",
          DEFAULT_SOCKET);
}

int main(int argc, char **argv) {
  const char *socket_path = DEFAULT_SOCKET;
  bool check_only = false;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--socket") == 0 && i + 1 < argc) {
      socket_path = argv[++i];
    } else if (strcmp(argv[i], "--check") == 0) {
      check_only = true;
    } else if (strcmp(argv[i], "--version") == 0 || strcmp(argv[i], "-V") == 0) {
      printf("farmwatch-session %s\n", FW_VERSION);
      return EXIT_OK;
    } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      usage(stdout);
      return EXIT_OK;
    } else {
      fprintf(stderr, "farmwatch-session: unknown argument: %.200s\n", argv[i]);
      usage(stderr);
      return EXIT_USAGE;
    }
  }
  signal(SIGPIPE, SIG_IGN);
  if (check_only) {
    return check(socket_path);
  }
  struct sigaction on_stop = {.sa_handler = stop};
  sigemptyset(&on_stop.sa_mask);
  sigaction(SIGTERM, &on_stop, NULL);
  sigaction(SIGINT, &on_stop, NULL);
  sigaction(SIGHUP, &on_stop, NULL);
  return run(socket_path);
}
