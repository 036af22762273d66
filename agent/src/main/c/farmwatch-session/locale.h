/*
 * The session's keyboard layouts (when the X server names none) and input methods, read where the
 * Java LinuxLocaleProbe reads them: /etc/default/keyboard, the installed ibus and fcitx5 engines,
 * and this user's fcitx5 profile.
 */
#ifndef FW_LOCALE_H
#define FW_LOCALE_H

#include "names.h"

/* XKBLAYOUT of /etc/default/keyboard. */
void locale_file_layouts(struct names *layouts);

/* ibus:NAME and fcitx5:NAME of the installed engines (each sorted), then this user's fcitx5 profile's. */
void locale_input_methods(struct names *methods);

#endif
