#include "counter.h"

#include <string.h>

static int64_t floor_div(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/* The slot of epoch_minute, inserted in order when missing; the oldest goes beyond FW_MAX_MINUTES. */
static struct minute *slot(struct counter *c, int64_t epoch_minute, bool *created) {
  int i = 0;
  while (i < c->count && c->minutes[i].epoch_minute < epoch_minute) {
    i++;
  }
  *created = false;
  if (i < c->count && c->minutes[i].epoch_minute == epoch_minute) {
    return &c->minutes[i];
  }
  memmove(&c->minutes[i + 1], &c->minutes[i], (size_t)(c->count - i) * sizeof c->minutes[0]);
  memset(&c->minutes[i], 0, sizeof c->minutes[i]);
  c->minutes[i].epoch_minute = epoch_minute;
  c->count++;
  *created = true;
  return &c->minutes[i];
}

/* Drops the oldest minutes beyond the bound. */
static void trim(struct counter *c) {
  if (c->count > FW_MAX_MINUTES) {
    int drop = c->count - FW_MAX_MINUTES;
    memmove(&c->minutes[0], &c->minutes[drop], (size_t)FW_MAX_MINUTES * sizeof c->minutes[0]);
    c->count = FW_MAX_MINUTES;
  }
}

static int32_t saturated(int32_t count) {
  return count < FW_MAX_EVENTS_PER_MINUTE ? count + 1 : FW_MAX_EVENTS_PER_MINUTE;
}

void counter_add(struct counter *c, int64_t epoch_millis, bool key, bool injected) {
  bool created;
  struct minute *m = slot(c, floor_div(epoch_millis, 60000), &created);
  int64_t second = floor_div(epoch_millis, 1000) % 60;
  m->active_seconds |= UINT64_C(1) << (second < 0 ? second + 60 : second);
  if (key) {
    m->keys = saturated(m->keys);
  } else {
    m->pointer = saturated(m->pointer);
  }
  if (injected) {
    m->injected = saturated(m->injected);
  }
  m->changed = true;
  trim(c);
}

bool counter_has_changes(const struct counter *c) {
  for (int i = 0; i < c->count; i++) {
    if (c->minutes[i].changed) {
      return true;
    }
  }
  return false;
}

int counter_take(struct counter *c, int64_t now_minute, struct minute out[FW_MAX_MINUTES]) {
  int taken = 0;
  int kept = 0;
  for (int i = 0; i < c->count; i++) {
    struct minute m = c->minutes[i];
    if (m.changed) {
      out[taken++] = m;
      m.changed = false;
    }
    if (m.epoch_minute >= now_minute) {
      c->minutes[kept++] = m;
    }
  }
  c->count = kept;
  return taken;
}

void counter_put_back(struct counter *c, const struct minute *unsent, int count) {
  for (int i = 0; i < count; i++) {
    bool created;
    struct minute *m = slot(c, unsent[i].epoch_minute, &created);
    if (created) {
      *m = unsent[i];
    }
    m->changed = true;
    trim(c);
  }
}
