/* pos-json.h — canonical JSON for hashing and for events on the wire.
 *
 * The journal hashes the text of each event, so the same event must always
 * serialise to the same bytes: object keys sorted by their UTF-8 bytes, no
 * white space, integers only (money and quantities are integers; a double
 * in an event is a bug), strings escaped the one way RFC 8785 does.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

char *pos_json_canonical (JsonNode *node, GError **error);
JsonNode *pos_json_parse (const char *text, GError **error);
void pos_json_append_string (GString *out, const char *text);
void pos_json_append_int (GString *out, gint64 value);

/* Small readers that tolerate a missing member. */
gint64 pos_json_get_int (JsonObject *object, const char *member, gint64 fallback);
const char *pos_json_get_string (JsonObject *object, const char *member);
/* @member of @object when it is an array, else NULL (never a critical on
 * data from outside). */
JsonArray *pos_json_get_array (JsonObject *object, const char *member);
/* @member of @object when it is a boolean, else @fallback. */
gboolean pos_json_get_bool (JsonObject *object, const char *member, gboolean fallback);
/* Element @index of @array when it is an object, an array, a string or an
 * integer; else NULL (0 for the integer). */
JsonObject *pos_json_array_get_object (JsonArray *array, guint index);
JsonArray *pos_json_array_get_array (JsonArray *array, guint index);
const char *pos_json_array_get_string (JsonArray *array, guint index);
gint64 pos_json_array_get_int (JsonArray *array, guint index);

/* Sets @member to @value, or to null when @value is NULL, so that the
 * member is there either way. */
void pos_json_set_nullable_string (JsonObject *object, const char *member, const char *value);

G_END_DECLS
