/* Input events into per-minute counts, and which minutes changed since they were last taken. */
#ifndef FW_COUNTER_H
#define FW_COUNTER_H

#include <stdbool.h>
#include <stdint.h>

#include "limits.h"

struct minute {
  int64_t epoch_minute;
  uint64_t active_seconds; /* bit i: second i of the minute had input */
  int32_t keys;
  int32_t pointer;
  int32_t injected;
  bool changed;
};

/* At most FW_MAX_MINUTES minutes, oldest first; one spare slot while inserting. */
struct counter {
  struct minute minutes[FW_MAX_MINUTES + 1];
  int count;
};

void counter_add(struct counter *c, int64_t epoch_millis, bool key, bool injected);
bool counter_has_changes(const struct counter *c);
/* Copies the changed minutes out (oldest first) and forgets those before now_minute; returns how many. */
int counter_take(struct counter *c, int64_t now_minute, struct minute out[FW_MAX_MINUTES]);
/* Gives back minutes whose sending failed, so they go with the next message. */
void counter_put_back(struct counter *c, const struct minute *unsent, int count);

#endif
