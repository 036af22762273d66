/*
 * The hot-plug proof's input device (scripts/test-uinput runs it inside a KVM guest after the
 * agent started): creates a virtual keyboard through /dev/uinput, presses and releases a key every
 * 100 ms for exactly 5 s from the device's creation, then destroys it. Static, so the guest needs
 * no C library of its own for it. Prints one line the test reads:
 *   uinput-keyboard: created=<epoch ms> destroyed=<epoch ms> presses=<n>
 * Exit 0 on success, 1 with a message on any failed system call.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/uinput.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#define TYPE_FOR_NS (5LL * 1000000000LL)
#define PRESS_EVERY_NS (100LL * 1000000LL)

static int fail(const char *what) {
  fprintf(stderr, "uinput-keyboard: %s: %s\n", what, strerror(errno));
  return 1;
}

static long long now_ns(clockid_t clock) {
  struct timespec t;
  clock_gettime(clock, &t);
  return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static int emit(int fd, int type, int code, int value) {
  struct input_event e;
  memset(&e, 0, sizeof e);
  e.type = type;
  e.code = code;
  e.value = value;
  return write(fd, &e, sizeof e) == (ssize_t) sizeof e ? 0 : -1;
}

int main(void) {
  static const int keys[] = {KEY_F, KEY_A, KEY_R, KEY_M};
  int fd = open("/dev/uinput", O_WRONLY | O_NONBLOCK);
  if (fd < 0) return fail("open /dev/uinput");
  if (ioctl(fd, UI_SET_EVBIT, EV_KEY) < 0 || ioctl(fd, UI_SET_EVBIT, EV_SYN) < 0) return fail("UI_SET_EVBIT");
  for (unsigned i = 0; i < sizeof keys / sizeof keys[0]; i++) {
    if (ioctl(fd, UI_SET_KEYBIT, keys[i]) < 0) return fail("UI_SET_KEYBIT");
  }
  struct uinput_setup setup;
  memset(&setup, 0, sizeof setup);
  setup.id.bustype = BUS_VIRTUAL;
  setup.id.vendor = 0x1234;
  setup.id.product = 0x5678;
  strcpy(setup.name, "FarmWatch uinput proof keyboard");
  if (ioctl(fd, UI_DEV_SETUP, &setup) < 0) return fail("UI_DEV_SETUP");
  if (ioctl(fd, UI_DEV_CREATE) < 0) return fail("UI_DEV_CREATE");
  long long created = now_ns(CLOCK_MONOTONIC);
  long long created_wall = now_ns(CLOCK_REALTIME);
  int presses = 0;
  for (long long next = created; next - created < TYPE_FOR_NS; next += PRESS_EVERY_NS) {
    struct timespec at = {next / 1000000000LL, next % 1000000000LL};
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &at, NULL) == EINTR) {}
    int key = keys[presses % (int) (sizeof keys / sizeof keys[0])];
    if (emit(fd, EV_KEY, key, 1) < 0 || emit(fd, EV_SYN, SYN_REPORT, 0) < 0
        || emit(fd, EV_KEY, key, 0) < 0 || emit(fd, EV_SYN, SYN_REPORT, 0) < 0) {
      return fail("write");
    }
    presses++;
  }
  struct timespec end = {(created + TYPE_FOR_NS) / 1000000000LL, (created + TYPE_FOR_NS) % 1000000000LL};
  while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &end, NULL) == EINTR) {}
  if (ioctl(fd, UI_DEV_DESTROY) < 0) return fail("UI_DEV_DESTROY");
  close(fd);
  printf("uinput-keyboard: created=%lld destroyed=%lld presses=%d\n", created_wall / 1000000LL,
      now_ns(CLOCK_REALTIME) / 1000000LL, presses);
  return 0;
}
