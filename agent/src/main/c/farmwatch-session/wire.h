/* The helper's lines on the service socket: messages written, answers read (PROTOCOL: docs/runtime.md, Session helper). */
#ifndef FW_WIRE_H
#define FW_WIRE_H

#include <stdbool.h>
#include <stddef.h>

#include "counter.h"
#include "names.h"

/*
 * One message line (JSON and newline) into buf; returns its length, or -1 when it would pass
 * FW_MAX_MESSAGE_BYTES (the bounds of its parts keep it well within). unavailable may be NULL.
 */
int wire_message(char *buf, size_t capacity, const char *source, const struct minute *minutes, int count,
                 const struct names *layouts, const struct names *methods, const char *unavailable);

/* The service's answer: accepted, or refused with a code and message (printable ASCII, clipped). */
struct answer {
  bool accepted;
  char code[32];
  char message[513];
};

/*
 * Reads an answer line (newline excluded). Anything that is not a JSON object of strings where the
 * answer's fields are, or that names a code this release does not know, reads as refused
 * "malformed", as the Java helper reads it.
 */
void wire_answer(const char *line, size_t length, struct answer *answer);

#endif
