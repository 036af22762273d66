#include "names.h"

#include <string.h>

static bool plain(const char *s, size_t length) {
  for (size_t i = 0; i < length; i++) {
    unsigned char ch = (unsigned char)s[i];
    if (ch < 0x20 || ch > 0x7e || ch == '"' || ch == '\\') {
      return false;
    }
  }
  return true;
}

bool names_add(struct names *n, const char *name, size_t length) {
  if (n->count >= FW_MAX_NAMES) {
    return false;
  }
  while (length > 0 && name[0] == ' ') {
    name++;
    length--;
  }
  while (length > 0 && name[length - 1] == ' ') {
    length--;
  }
  if (length > FW_MAX_NAME_CHARS) {
    length = FW_MAX_NAME_CHARS;
  }
  if (length == 0 || !plain(name, length)) {
    return true;
  }
  for (int i = 0; i < n->count; i++) {
    if (strlen(n->value[i]) == length && memcmp(n->value[i], name, length) == 0) {
      return true;
    }
  }
  memcpy(n->value[n->count], name, length);
  n->value[n->count][length] = '\0';
  n->count++;
  return n->count < FW_MAX_NAMES;
}
