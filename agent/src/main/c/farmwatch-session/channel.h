/* The helper's end of the service's Unix socket. */
#ifndef FW_CHANNEL_H
#define FW_CHANNEL_H

#include <stdbool.h>
#include <stddef.h>

#include "limits.h"
#include "wire.h"

/* How long the service may take to answer a fresh connection, or to take a message. */
#define FW_IO_TIMEOUT_MS 10000

enum connect_result { CONNECT_ACCEPTED, CONNECT_REFUSED, CONNECT_FAILED };

/*
 * Connects and reads the service's first answer. ACCEPTED: *fd is the connection. REFUSED: answer
 * says why (a line over the limit reads as too_large). FAILED: error says why.
 */
enum connect_result channel_connect(const char *path, int *fd, struct answer *answer, char *error, size_t capacity);

/* Writes all of buf within FW_IO_TIMEOUT_MS; false (error filled) when the service is gone or stuck. */
bool channel_send(int fd, const char *buf, size_t length, char *error, size_t capacity);

/* Lines the service writes after accepting (a refusal before it closes), read without blocking. */
struct line_reader {
  char buf[FW_MAX_MESSAGE_BYTES];
  size_t length;
  bool discarding; /* within a line longer than the limit, until its newline */
};

enum read_result { READ_NOTHING, READ_LINE, READ_CLOSED };

/*
 * Reads what is there; READ_LINE when a whole line is in line (NUL-ended, newline dropped). Lines
 * over the limit are dropped whole. Call again while it returns READ_LINE.
 */
enum read_result channel_read_line(int fd, struct line_reader *r, char *line, size_t *length);

#endif
