/*
 * X11 input timing from XInput2 raw events on the root window, as the Java X11InputSource reads it:
 * events whose source device is an XTEST device (xdotool, most remote-desktop servers) count as
 * injected. Only the event type and source device are read, never a key code or a valuator.
 */
#ifndef FW_XINPUT_H
#define FW_XINPUT_H

#include <X11/Xlib.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "counter.h"
#include "names.h"

struct x_source {
  Display *display;
  int opcode;
  uint8_t xtest[65536 / 8]; /* bit per device id (XI2 ids are 16 bits): an XTEST slave */
};

/* Opens $DISPLAY and selects the raw events; false (why filled) when this session cannot be sampled. */
bool x_source_open(struct x_source *x, char *why, size_t capacity);

/* The connection's socket, to sleep in poll(2) on. */
int x_source_fd(const struct x_source *x);

/*
 * Counts what the server sent (at most a bounded batch); true when more is queued and the caller
 * should come back without sleeping.
 */
bool x_source_drain(struct x_source *x, struct counter *counter);

/* The session's layouts from the server's _XKB_RULES_NAMES, e.g. us, de(nodeadkeys); none when unset. */
void x_source_layouts(struct x_source *x, struct names *layouts);

void x_source_close(struct x_source *x);

#endif
