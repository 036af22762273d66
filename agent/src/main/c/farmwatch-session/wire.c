#include "wire.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

struct out {
  char *buf;
  size_t capacity;
  size_t length;
  bool overflow;
};

static void put(struct out *o, const char *format, ...) __attribute__((format(printf, 2, 3)));

static void put(struct out *o, const char *format, ...) {
  if (o->overflow) {
    return;
  }
  va_list args;
  va_start(args, format);
  int n = vsnprintf(o->buf + o->length, o->capacity - o->length, format, args);
  va_end(args);
  if (n < 0 || (size_t)n >= o->capacity - o->length) {
    o->overflow = true;
    return;
  }
  o->length += (size_t)n;
}

/* Names hold no quote, backslash or control character (names_add), so they go in unescaped. */
static void put_names(struct out *o, const char *field, const struct names *n) {
  put(o, ",\"%s\":[", field);
  for (int i = 0; n != NULL && i < n->count; i++) {
    put(o, "%s\"%s\"", i == 0 ? "" : ",", n->value[i]);
  }
  put(o, "]");
}

/* The reason is this program's own text, but it may quote a display name from the environment. */
static void put_reason(struct out *o, const char *reason) {
  put(o, ",\"unavailable\":\"");
  size_t chars = 0;
  for (const unsigned char *p = (const unsigned char *)reason; *p != '\0' && chars < FW_MAX_REASON_CHARS; p++, chars++) {
    unsigned char ch = (*p < 0x20 || *p > 0x7e) ? ' ' : *p;
    if (ch == '"' || ch == '\\') {
      put(o, "\\%c", ch);
    } else {
      put(o, "%c", ch);
    }
  }
  put(o, "\"");
}

int wire_message(char *buf, size_t capacity, const char *source, const struct minute *minutes, int count,
                 const struct names *layouts, const struct names *methods, const char *unavailable) {
  struct out o = {buf, capacity < FW_MAX_MESSAGE_BYTES ? capacity : FW_MAX_MESSAGE_BYTES, 0, false};
  put(&o, "{\"version\":%d,\"source\":\"%s\",\"minutes\":[", FW_PROTOCOL_VERSION, source);
  for (int i = 0; i < count; i++) {
    const struct minute *m = &minutes[i];
    put(&o,
        "%s{\"epochMinute\":%" PRId64 ",\"activeSecondsMask\":%" PRIu64
        ",\"keyEvents\":%" PRId32 ",\"pointerEvents\":%" PRId32 ",\"injectedEvents\":%" PRId32 "}",
        i == 0 ? "" : ",", m->epoch_minute, m->active_seconds, m->keys, m->pointer, m->injected);
  }
  put(&o, "]");
  put_names(&o, "keyboardLayouts", layouts);
  put_names(&o, "inputMethods", methods);
  if (unavailable != NULL) {
    put_reason(&o, unavailable);
  }
  put(&o, "}\n");
  return o.overflow ? -1 : (int)o.length;
}

/* A strict reader of one JSON value, enough to find the answer's three strings. */
struct reader {
  const char *p;
  const char *end;
  int depth;
};

enum { MAX_DEPTH = 32 };

static void skip_space(struct reader *r) {
  while (r->p < r->end && (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r')) {
    r->p++;
  }
}

static bool literal(struct reader *r, const char *word) {
  size_t n = strlen(word);
  if ((size_t)(r->end - r->p) < n || memcmp(r->p, word, n) != 0) {
    return false;
  }
  r->p += n;
  return true;
}

static int hex(char ch) {
  if (ch >= '0' && ch <= '9') return ch - '0';
  if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
  if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
  return -1;
}

/*
 * A string; into out (when not NULL), clipped to capacity - 1 bytes, anything but printable ASCII
 * as '?' since it ends up on a terminal or in a journal.
 */
static bool string(struct reader *r, char *out, size_t capacity) {
  size_t n = 0;
  if (r->p >= r->end || *r->p != '"') {
    return false;
  }
  r->p++;
  while (r->p < r->end) {
    unsigned char ch = (unsigned char)*r->p++;
    if (ch == '"') {
      if (out != NULL) {
        out[n] = '\0';
      }
      return true;
    }
    if (ch < 0x20) {
      return false;
    }
    if (ch == '\\') {
      if (r->p >= r->end) {
        return false;
      }
      char e = *r->p++;
      switch (e) {
        case '"': case '\\': case '/': ch = (unsigned char)e; break;
        case 'b': case 'f': case 'n': case 'r': case 't': ch = '?'; break;
        case 'u': {
          int code = 0;
          for (int i = 0; i < 4; i++) {
            int digit = r->p < r->end ? hex(*r->p++) : -1;
            if (digit < 0) {
              return false;
            }
            code = code * 16 + digit;
          }
          ch = (code >= 0x20 && code <= 0x7e) ? (unsigned char)code : '?';
          break;
        }
        default: return false;
      }
    } else if (ch > 0x7e) {
      ch = '?';
    }
    if (out != NULL && n + 1 < capacity) {
      out[n++] = (char)ch;
    }
  }
  return false;
}

static bool number(struct reader *r) {
  const char *start = r->p;
  if (r->p < r->end && *r->p == '-') r->p++;
  if (r->p < r->end && *r->p == '0') {
    r->p++;
  } else {
    if (r->p >= r->end || *r->p < '1' || *r->p > '9') return false;
    while (r->p < r->end && *r->p >= '0' && *r->p <= '9') r->p++;
  }
  if (r->p < r->end && *r->p == '.') {
    r->p++;
    if (r->p >= r->end || *r->p < '0' || *r->p > '9') return false;
    while (r->p < r->end && *r->p >= '0' && *r->p <= '9') r->p++;
  }
  if (r->p < r->end && (*r->p == 'e' || *r->p == 'E')) {
    r->p++;
    if (r->p < r->end && (*r->p == '+' || *r->p == '-')) r->p++;
    if (r->p >= r->end || *r->p < '0' || *r->p > '9') return false;
    while (r->p < r->end && *r->p >= '0' && *r->p <= '9') r->p++;
  }
  return r->p > start;
}

static bool value(struct reader *r);

/* An object or array; members are checked and skipped. */
static bool container(struct reader *r, char open, char close) {
  if (++r->depth > MAX_DEPTH) {
    return false;
  }
  r->p++;
  skip_space(r);
  if (r->p < r->end && *r->p == close) {
    r->p++;
    r->depth--;
    return true;
  }
  while (true) {
    if (open == '{') {
      if (!string(r, NULL, 0)) return false;
      skip_space(r);
      if (r->p >= r->end || *r->p++ != ':') return false;
    }
    if (!value(r)) return false;
    skip_space(r);
    if (r->p >= r->end) return false;
    char ch = *r->p++;
    if (ch == close) {
      r->depth--;
      return true;
    }
    if (ch != ',') return false;
    skip_space(r);
  }
}

static bool value(struct reader *r) {
  skip_space(r);
  if (r->p >= r->end) return false;
  switch (*r->p) {
    case '{': return container(r, '{', '}');
    case '[': return container(r, '[', ']');
    case '"': return string(r, NULL, 0);
    case 't': return literal(r, "true");
    case 'f': return literal(r, "false");
    case 'n': return literal(r, "null");
    default: return number(r);
  }
}

/* A field of the answer: a string, or null (left empty). */
static bool field(struct reader *r, char *out, size_t capacity, bool *present) {
  skip_space(r);
  if (literal(r, "null")) {
    out[0] = '\0';
    *present = false;
    return true;
  }
  *present = true;
  return string(r, out, capacity);
}

static const char *const CODES[] = {"not_session_user", "already_connected", "busy", "too_large",
                                    "too_many_messages", "malformed", "out_of_bounds"};

static void malformed(struct answer *a, const char *why) {
  a->accepted = false;
  snprintf(a->code, sizeof a->code, "malformed");
  snprintf(a->message, sizeof a->message, "not a SessionAnswer: %s", why);
}

void wire_answer(const char *line, size_t length, struct answer *a) {
  struct reader r = {line, line + length, 0};
  char status[16] = "";
  bool has_status = false;
  bool has_code = false;
  bool has_message = false;
  a->code[0] = '\0';
  a->message[0] = '\0';
  skip_space(&r);
  if (r.p >= r.end || *r.p != '{') {
    malformed(a, "not a JSON object");
    return;
  }
  r.p++;
  r.depth = 1;
  skip_space(&r);
  bool empty = r.p < r.end && *r.p == '}';
  if (empty) {
    r.p++;
  }
  while (!empty) {
    char key[32];
    if (!string(&r, key, sizeof key)) {
      malformed(a, "bad field name");
      return;
    }
    skip_space(&r);
    if (r.p >= r.end || *r.p++ != ':') {
      malformed(a, "no colon after a field name");
      return;
    }
    bool ok;
    if (strcmp(key, "status") == 0) {
      ok = field(&r, status, sizeof status, &has_status);
    } else if (strcmp(key, "code") == 0) {
      ok = field(&r, a->code, sizeof a->code, &has_code);
    } else if (strcmp(key, "message") == 0) {
      ok = field(&r, a->message, sizeof a->message, &has_message);
    } else {
      ok = value(&r);
    }
    if (!ok) {
      malformed(a, "bad value");
      return;
    }
    skip_space(&r);
    if (r.p >= r.end) {
      malformed(a, "unterminated object");
      return;
    }
    char ch = *r.p++;
    if (ch == '}') {
      break;
    }
    if (ch != ',') {
      malformed(a, "no comma between fields");
      return;
    }
    skip_space(&r);
  }
  skip_space(&r);
  if (r.p != r.end) {
    malformed(a, "trailing tokens");
    return;
  }
  a->accepted = has_status && strcmp(status, "accepted") == 0;
  if (a->accepted) {
    return;
  }
  bool known = false;
  for (size_t i = 0; has_code && i < sizeof CODES / sizeof CODES[0]; i++) {
    known = known || strcmp(a->code, CODES[i]) == 0;
  }
  if (!known) {
    snprintf(a->code, sizeof a->code, "malformed");
  }
  if (!has_message) {
    snprintf(a->message, sizeof a->message, "refused");
  }
}
