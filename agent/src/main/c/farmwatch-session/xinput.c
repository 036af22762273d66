#include "xinput.h"

#include <X11/Xatom.h>
#include <X11/extensions/XInput2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { DRAIN_BATCH = 4096 };

/* The server went away (logout, crash): the session is over, so is the helper; not a failure to restart. */
static int io_error(Display *display) {
  (void)display;
  fprintf(stderr, "farmwatch-session: the X server went away; stopping\n");
  exit(0);
}

/* A protocol error (a request the server refused) is logged; Xlib's default would exit. */
static int protocol_error(Display *display, XErrorEvent *e) {
  (void)display;
  fprintf(stderr, "farmwatch-session: X error %d on request %d.%d\n", e->error_code, e->request_code, e->minor_code);
  return 0;
}

static void find_xtest_devices(struct x_source *x) {
  int count = 0;
  XIDeviceInfo *info = XIQueryDevice(x->display, XIAllDevices, &count);
  for (int i = 0; info != NULL && i < count; i++) {
    int id = info[i].deviceid;
    if (info[i].name != NULL && strstr(info[i].name, "XTEST") != NULL && id >= 0 && id < 65536) {
      x->xtest[id / 8] |= (uint8_t)(1u << (id % 8));
    }
  }
  if (info != NULL) {
    XIFreeDeviceInfo(info);
  }
}

bool x_source_open(struct x_source *x, char *why, size_t capacity) {
  memset(x, 0, sizeof *x);
  XSetIOErrorHandler(io_error);
  XSetErrorHandler(protocol_error);
  x->display = XOpenDisplay(NULL);
  if (x->display == NULL) {
    const char *name = getenv("DISPLAY");
    snprintf(why, capacity, "cannot open X display %s", name != NULL ? name : "(none)");
    return false;
  }
  int event;
  int error;
  if (!XQueryExtension(x->display, "XInputExtension", &x->opcode, &event, &error)) {
    snprintf(why, capacity, "the X server has no XInput extension");
    x_source_close(x);
    return false;
  }
  int major = 2;
  int minor = 0;
  if (XIQueryVersion(x->display, &major, &minor) != Success) {
    snprintf(why, capacity, "the X server does not support XInput 2");
    x_source_close(x);
    return false;
  }
  find_xtest_devices(x);
  unsigned char bits[XIMaskLen(XI_LASTEVENT)] = {0};
  XISetMask(bits, XI_RawKeyPress);
  XISetMask(bits, XI_RawButtonPress);
  XISetMask(bits, XI_RawMotion);
  XIEventMask mask = {XIAllMasterDevices, sizeof bits, bits};
  XISelectEvents(x->display, DefaultRootWindow(x->display), &mask, 1);
  XFlush(x->display);
  return true;
}

int x_source_fd(const struct x_source *x) {
  return ConnectionNumber(x->display);
}

static int64_t epoch_millis(void) {
  struct timespec t;
  clock_gettime(CLOCK_REALTIME, &t);
  return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

bool x_source_drain(struct x_source *x, struct counter *counter) {
  for (int i = 0; i < DRAIN_BATCH; i++) {
    if (XPending(x->display) == 0) {
      return false;
    }
    XEvent event;
    XNextEvent(x->display, &event);
    XGenericEventCookie *cookie = &event.xcookie;
    if (cookie->type != GenericEvent || cookie->extension != x->opcode || !XGetEventData(x->display, cookie)) {
      continue;
    }
    if (cookie->evtype == XI_RawKeyPress || cookie->evtype == XI_RawButtonPress || cookie->evtype == XI_RawMotion) {
      int source = ((const XIRawEvent *)cookie->data)->sourceid;
      bool injected = source >= 0 && source < 65536 && (x->xtest[source / 8] & (1u << (source % 8))) != 0;
      counter_add(counter, epoch_millis(), cookie->evtype == XI_RawKeyPress, injected);
    }
    XFreeEventData(x->display, cookie);
  }
  return true;
}

/* The part of a comma-separated list at *p (up to end) as [start, length]; *p moves past it, NULL after the last. */
static size_t next_part(const char **p, const char *end, const char **start) {
  *start = *p;
  if (*p == NULL) {
    return 0;
  }
  const char *comma = memchr(*p, ',', (size_t)(end - *p));
  size_t length = (size_t)((comma != NULL ? comma : end) - *p);
  *p = comma != NULL ? comma + 1 : NULL;
  return length;
}

static size_t clipped(size_t length) {
  return length > FW_MAX_NAME_CHARS ? FW_MAX_NAME_CHARS : length;
}

void x_source_layouts(struct x_source *x, struct names *layouts) {
  Atom names = XInternAtom(x->display, "_XKB_RULES_NAMES", True);
  if (names == None) {
    return;
  }
  Atom type;
  int format;
  unsigned long items;
  unsigned long after;
  unsigned char *data = NULL;
  /* 256 longs (1 KB) bound the read; the property is rules, model, layouts, variants, options. */
  if (XGetWindowProperty(x->display, DefaultRootWindow(x->display), names, 0, 256, False, XA_STRING, &type, &format,
                         &items, &after, &data) != Success || data == NULL) {
    return;
  }
  const char *fields[5] = {NULL};
  const char *ends[5] = {NULL};
  const char *p = (const char *)data;
  const char *end = p + (format == 8 ? items : 0);
  for (int f = 0; f < 5 && p < end; f++) {
    const char *nul = memchr(p, '\0', (size_t)(end - p));
    fields[f] = p;
    ends[f] = nul != NULL ? nul : end;
    p = ends[f] + 1;
  }
  const char *layout_at = fields[2];
  const char *variant_at = fields[3];
  while (layout_at != NULL && layouts->count < FW_MAX_NAMES) {
    const char *layout;
    const char *variant;
    size_t length = next_part(&layout_at, ends[2], &layout);
    size_t variant_length = next_part(&variant_at, ends[3], &variant);
    char name[2 * FW_MAX_NAME_CHARS + 3];
    int n = variant_length > 0
                ? snprintf(name, sizeof name, "%.*s(%.*s)", (int)clipped(length), layout, (int)clipped(variant_length), variant)
                : snprintf(name, sizeof name, "%.*s", (int)clipped(length), layout);
    if (length > 0 && n > 0) {
      names_add(layouts, name, (size_t)n);
    }
  }
  XFree(data);
}

void x_source_close(struct x_source *x) {
  if (x->display != NULL) {
    XCloseDisplay(x->display);
    x->display = NULL;
  }
}
