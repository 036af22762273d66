/* A bounded list of names (keyboard layouts, input methods) as the service accepts them. */
#ifndef FW_NAMES_H
#define FW_NAMES_H

#include <stdbool.h>
#include <stddef.h>

#include "limits.h"

struct names {
  int count;
  char value[FW_MAX_NAMES][FW_MAX_NAME_CHARS + 1];
};

/*
 * Adds a name, trimmed and clipped to FW_MAX_NAME_CHARS; false when the list is full. A name that is
 * empty, already there, or holds anything but printable ASCII other than quote and backslash is
 * skipped: then every name fits the message unescaped.
 */
bool names_add(struct names *n, const char *name, size_t length);

#endif
