/* pos-json.c — canonical JSON (see pos-json.h). */
#include "pos-json.h"

#include <glib/gi18n-lib.h>

#include "pos-error.h"

#include <string.h>

static gboolean append_node (GString *out, JsonNode *node, GError **error);

/* Appends @text as a JSON string literal, escaped the canonical way. */
void
pos_json_append_string (GString *out, const char *text)
{
  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *)text; *p != '\0'; p++)
    {
      /* A run of characters that need no escape goes in at once. */
      const guchar *run = p;

      while (*p >= 0x20 && *p != '"' && *p != '\\')
        p++;
      if (p > run)
        g_string_append_len (out, (const char *)run, p - run);
      if (*p == '\0')
        break;
      switch (*p)
        {
          case '"':
            g_string_append (out, "\\\"");
            break;
          case '\\':
            g_string_append (out, "\\\\");
            break;
          case '\b':
            g_string_append (out, "\\b");
            break;
          case '\f':
            g_string_append (out, "\\f");
            break;
          case '\n':
            g_string_append (out, "\\n");
            break;
          case '\r':
            g_string_append (out, "\\r");
            break;
          case '\t':
            g_string_append (out, "\\t");
            break;
          default:
            if (*p < 0x20)
              g_string_append_printf (out, "\\u%04x", *p);
            else
              g_string_append_c (out, (char)*p);
        }
    }
  g_string_append_c (out, '"');
}

/* Appends @value in decimal, as printf's %lld writes it, without printf:
 * every event stored or pulled is hashed. */
void
pos_json_append_int (GString *out, gint64 value)
{
  char digits[21];
  gsize at = sizeof digits;
  guint64 rest = value < 0 ? -(guint64)value : (guint64)value;

  do
    digits[--at] = (char)('0' + rest % 10);
  while ((rest /= 10) != 0);
  if (value < 0)
    digits[--at] = '-';
  g_string_append_len (out, digits + at, (gssize)(sizeof digits - at));
}

static int
compare_keys (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *)a, *(const char *const *)b);
}

static gboolean
append_object (GString *out, JsonObject *object, GError **error)
{
  g_autoptr (GList) members = json_object_get_members (object);
  g_autoptr (GPtrArray) keys = g_ptr_array_new ();

  for (GList *l = members; l != NULL; l = l->next)
    g_ptr_array_add (keys, l->data);
  g_ptr_array_sort (keys, compare_keys);

  g_string_append_c (out, '{');
  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);
      if (!g_utf8_validate (key, -1, NULL))
        {
          g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("A member name is not valid UTF-8"));
          return FALSE;
        }
      if (i > 0)
        g_string_append_c (out, ',');
      pos_json_append_string (out, key);
      g_string_append_c (out, ':');
      if (!append_node (out, json_object_get_member (object, key), error))
        return FALSE;
    }
  g_string_append_c (out, '}');
  return TRUE;
}

static gboolean
append_value (GString *out, JsonNode *node, GError **error)
{
  switch (json_node_get_value_type (node))
    {
      case G_TYPE_INT64:
        pos_json_append_int (out, json_node_get_int (node));
        return TRUE;
      case G_TYPE_BOOLEAN:
        g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
        return TRUE;
      case G_TYPE_STRING:
        /* A parser may let a lone surrogate escape (\ud83d) through as
         * bytes that are no UTF-8: such text would be hashed into the
         * journal in a form nothing can read back. */
        if (!g_utf8_validate (json_node_get_string (node), -1, NULL))
          {
            g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("A text is not valid UTF-8"));
            return FALSE;
          }
        pos_json_append_string (out, json_node_get_string (node));
        return TRUE;
      default:
        g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                     _ ("Canonical JSON holds integers, strings and booleans only, not %s"),
                     g_type_name (json_node_get_value_type (node)));
        return FALSE;
    }
}

static gboolean
append_node (GString *out, JsonNode *node, GError **error)
{
  switch (JSON_NODE_TYPE (node))
    {
      case JSON_NODE_OBJECT:
        return append_object (out, json_node_get_object (node), error);
      case JSON_NODE_ARRAY:
        {
          JsonArray *array = json_node_get_array (node);
          g_string_append_c (out, '[');
          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              if (i > 0)
                g_string_append_c (out, ',');
              if (!append_node (out, json_array_get_element (array, i), error))
                return FALSE;
            }
          g_string_append_c (out, ']');
          return TRUE;
        }
      case JSON_NODE_NULL:
        g_string_append (out, "null");
        return TRUE;
      case JSON_NODE_VALUE:
      default:
        return append_value (out, node, error);
    }
}

/* Returns the canonical text of @node (transfer full), or NULL when it holds
 * a value canonical JSON does not allow (a double). */
char *
pos_json_canonical (JsonNode *node, GError **error)
{
  g_autoptr (GString) out = g_string_new (NULL);

  g_return_val_if_fail (node != NULL, NULL);

  if (!append_node (out, node, error))
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

JsonNode *
pos_json_parse (const char *text, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();

  g_return_val_if_fail (text != NULL, NULL);

  if (!json_parser_load_from_data (parser, text, -1, error))
    return NULL;
  /* Empty or blank text loads without an error but holds no value. */
  if (json_parser_get_root (parser) == NULL)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("no JSON value in an empty text")), NULL;
  return json_node_copy (json_parser_get_root (parser));
}

gint64
pos_json_get_int (JsonObject *object, const char *member, gint64 fallback)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return fallback;
  return json_node_get_int (node);
}

const char *
pos_json_get_string (JsonObject *object, const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

JsonArray *
pos_json_get_array (JsonObject *object, const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

gboolean
pos_json_get_bool (JsonObject *object, const char *member, gboolean fallback)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE
      || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return fallback;
  return json_node_get_boolean (node);
}

static JsonNode *
element (JsonArray *array, guint index)
{
  return array != NULL && index < json_array_get_length (array) ? json_array_get_element (array, index)
                                                                : NULL;
}

JsonObject *
pos_json_array_get_object (JsonArray *array, guint index)
{
  JsonNode *node = element (array, index);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
pos_json_array_get_array (JsonArray *array, guint index)
{
  JsonNode *node = element (array, index);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

const char *
pos_json_array_get_string (JsonArray *array, guint index)
{
  JsonNode *node = element (array, index);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
             ? json_node_get_string (node)
             : NULL;
}

gint64
pos_json_array_get_int (JsonArray *array, guint index)
{
  JsonNode *node = element (array, index);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64
             ? json_node_get_int (node)
             : 0;
}

void
pos_json_set_nullable_string (JsonObject *object, const char *member, const char *value)
{
  g_return_if_fail (object != NULL);
  g_return_if_fail (member != NULL);

  if (value != NULL)
    json_object_set_string_member (object, member, value);
  else
    json_object_set_null_member (object, member);
}
