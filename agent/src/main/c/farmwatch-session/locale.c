#include "locale.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Settings files are small; more than this is not one. */
enum { MAX_FILE_BYTES = 64 * 1024 };

/* The file's first MAX_FILE_BYTES - 1 bytes, NUL-ended; NULL when it cannot be read. */
static char *read_file(const char *path) {
  FILE *f = fopen(path, "re");
  if (f == NULL) {
    return NULL;
  }
  char *text = malloc(MAX_FILE_BYTES);
  if (text != NULL) {
    size_t n = fread(text, 1, MAX_FILE_BYTES - 1, f);
    text[n] = '\0';
  }
  fclose(f);
  return text;
}

/* Calls add for each value of lines "KEY=value" (quotes stripped) in text. */
static void each_value(const char *text, const char *key, void (*add)(const char *, size_t, void *), void *context) {
  size_t key_length = strlen(key);
  for (const char *line = text; line != NULL && *line != '\0';) {
    const char *newline = strchr(line, '\n');
    const char *end = newline != NULL ? newline : line + strlen(line);
    while (line < end && (*line == ' ' || *line == '\t')) line++;
    if ((size_t)(end - line) > key_length && strncmp(line, key, key_length) == 0 && line[key_length] == '=') {
      const char *v = line + key_length + 1;
      const char *v_end = end;
      while (v_end > v && (v_end[-1] == ' ' || v_end[-1] == '\t' || v_end[-1] == '\r')) v_end--;
      if (v < v_end && (*v == '"' || *v == '\'')) v++;
      if (v_end > v && (v_end[-1] == '"' || v_end[-1] == '\'')) v_end--;
      add(v, (size_t)(v_end - v), context);
    }
    line = newline != NULL ? newline + 1 : NULL;
  }
}

static void add_comma_list(const char *value, size_t length, void *context) {
  struct names *layouts = context;
  const char *end = value + length;
  for (const char *p = value; p <= end;) {
    const char *comma = memchr(p, ',', (size_t)(end - p));
    const char *part_end = comma != NULL ? comma : end;
    names_add(layouts, p, (size_t)(part_end - p));
    p = part_end + 1;
  }
}

void locale_file_layouts(struct names *layouts) {
  char *text = read_file("/etc/default/keyboard");
  if (text != NULL) {
    each_value(text, "XKBLAYOUT", add_comma_list, layouts);
    free(text);
  }
}

static int by_name(const void *a, const void *b) {
  return strcmp(a, b);
}

/*
 * prefix + the names of dir's files ending in suffix, in name order; only the first ones that fit
 * are kept, so it holds the smallest FW_MAX_NAMES names however many files there are.
 */
static void engines(const char *dir, const char *suffix, const char *prefix, struct names *methods) {
  DIR *d = opendir(dir);
  if (d == NULL) {
    return;
  }
  char smallest[FW_MAX_NAMES + 1][FW_MAX_NAME_CHARS + 1];
  int count = 0;
  size_t suffix_length = strlen(suffix);
  for (struct dirent *e = readdir(d); e != NULL; e = readdir(d)) {
    size_t n = strlen(e->d_name);
    if (n <= suffix_length || strcmp(e->d_name + n - suffix_length, suffix) != 0) {
      continue;
    }
    char name[FW_MAX_NAME_CHARS + 1];
    struct names check = {0};
    snprintf(name, sizeof name, "%s%.*s", prefix, (int)(n - suffix_length), e->d_name);
    names_add(&check, name, strlen(name));
    if (check.count == 0) {
      continue; /* not a name the service takes */
    }
    snprintf(smallest[count], sizeof smallest[count], "%s", check.value[0]);
    count++;
    qsort(smallest, (size_t)count, sizeof smallest[0], by_name);
    if (count > FW_MAX_NAMES) {
      count = FW_MAX_NAMES;
    }
  }
  closedir(d);
  for (int i = 0; i < count; i++) {
    names_add(methods, smallest[i], strlen(smallest[i]));
  }
}

static void add_fcitx5(const char *value, size_t length, void *context) {
  char name[FW_MAX_NAME_CHARS + 1];
  int n = snprintf(name, sizeof name, "fcitx5:%.*s", (int)(length > FW_MAX_NAME_CHARS ? FW_MAX_NAME_CHARS : length), value);
  names_add(context, name, n > 0 && (size_t)n < sizeof name ? (size_t)n : sizeof name - 1);
}

void locale_input_methods(struct names *methods) {
  engines("/usr/share/ibus/component", ".xml", "ibus:", methods);
  engines("/usr/share/fcitx5/inputmethod", ".conf", "fcitx5:", methods);
  const char *config = getenv("XDG_CONFIG_HOME");
  const char *home = getenv("HOME");
  char path[4096];
  if (config != NULL && config[0] == '/') {
    snprintf(path, sizeof path, "%s/fcitx5/profile", config);
  } else if (home != NULL && home[0] == '/') {
    snprintf(path, sizeof path, "%s/.config/fcitx5/profile", home);
  } else {
    return;
  }
  char *text = read_file(path);
  if (text != NULL) {
    each_value(text, "Name", add_fcitx5, methods);
    free(text);
  }
}
