/* The bounds of the helper channel, the same numbers as the Java SessionLimits the service checks. */
#ifndef FW_LIMITS_H
#define FW_LIMITS_H

#define FW_PROTOCOL_VERSION 1
/* Bytes of one line, the newline included. */
#define FW_MAX_MESSAGE_BYTES 4096
/* Minutes in one message: what the helper keeps while the service is away. */
#define FW_MAX_MINUTES 15
/* Events of one kind in one minute; counts saturate there. */
#define FW_MAX_EVENTS_PER_MINUTE 120000
/* Keyboard layouts, and input methods, in one message. */
#define FW_MAX_NAMES 8
/* Characters of a layout, input method or source. */
#define FW_MAX_NAME_CHARS 64
/* Characters of the unavailable reason. */
#define FW_MAX_REASON_CHARS 256
/* Least time between two messages: keeps within the service's two messages a minute. */
#define FW_SEND_SPACING_MS 30000

#endif
