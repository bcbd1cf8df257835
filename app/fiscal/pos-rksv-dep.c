/* pos-rksv-dep.c — DEP export and cryptographic material container
 * (see pos-rksv-dep.h). */
#include "pos-rksv-dep.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "pos-error.h"
#include "pos-json.h"

PosRksvKey *
pos_rksv_key_new (const char *key_id, GBytes *public_key)
{
  PosRksvKey *key = g_new0 (PosRksvKey, 1);

  key->key_id = g_strdup (key_id);
  key->public_key = g_bytes_ref (public_key);
  return key;
}

void
pos_rksv_key_free (PosRksvKey *key)
{
  if (key == NULL)
    return;
  g_free (key->key_id);
  g_bytes_unref (key->public_key);
  g_free (key);
}

static char *
builder_text (JsonBuilder *b)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = json_builder_get_root (b);

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

char *
pos_rksv_dep_to_json (GPtrArray *jws_list)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "Belege-Gruppe");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "Signaturzertifikat");
  json_builder_add_string_value (b, "");
  json_builder_set_member_name (b, "Zertifizierungsstellen");
  json_builder_begin_array (b);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "Belege-kompakt");
  json_builder_begin_array (b);
  for (guint i = 0; i < jws_list->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (jws_list, i));
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_end_array (b);
  json_builder_end_object (b);
  return builder_text (b);
}

char *
pos_rksv_container_to_json (const char *aes_key_base64, GPtrArray *keys)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "base64AESKey");
  json_builder_add_string_value (b, aes_key_base64);
  json_builder_set_member_name (b, "certificateOrPublicKeyMap");
  json_builder_begin_object (b);
  for (guint i = 0; i < keys->len; i++)
    {
      PosRksvKey *key = g_ptr_array_index (keys, i);
      g_autofree char *der
          = g_base64_encode (g_bytes_get_data (key->public_key, NULL), g_bytes_get_size (key->public_key));

      json_builder_set_member_name (b, key->key_id);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, key->key_id);
      json_builder_set_member_name (b, "signatureDeviceType");
      json_builder_add_string_value (b, "PUBLIC_KEY");
      json_builder_set_member_name (b, "signatureCertificateOrPublicKey");
      json_builder_add_string_value (b, der);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  json_builder_end_object (b);
  return builder_text (b);
}

static gboolean
malformed (const char *what, GError **error)
{
  g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("Not a valid %s"), what);
  return FALSE;
}

/* Appends the receipts of one group; FALSE when it is not one. */
static gboolean
read_group (JsonObject *group, GPtrArray *out)
{
  JsonArray *receipts = group ? pos_json_get_array (group, "Belege-kompakt") : NULL;

  if (receipts == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (receipts); i++)
    {
      JsonNode *node = json_array_get_element (receipts, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        return FALSE;
      g_ptr_array_add (out, g_strdup (json_node_get_string (node)));
    }
  return TRUE;
}

GPtrArray *
pos_rksv_dep_read (const char *json, GError **error)
{
  g_autoptr (JsonNode) root = pos_json_parse (json, error);
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  JsonArray *groups;

  if (root == NULL)
    return NULL;
  groups = JSON_NODE_HOLDS_OBJECT (root) ? pos_json_get_array (json_node_get_object (root), "Belege-Gruppe")
                                         : NULL;
  if (groups == NULL)
    return malformed ("DEP export", error), NULL;
  for (guint i = 0; i < json_array_get_length (groups); i++)
    if (!read_group (pos_json_array_get_object (groups, i), out))
      return malformed ("DEP export", error), NULL;
  return g_steal_pointer (&out);
}

static PosRksvKey *
read_key (JsonObject *entry, const char *key_id)
{
  const char *type = entry ? pos_json_get_string (entry, "signatureDeviceType") : NULL;
  const char *der = entry ? pos_json_get_string (entry, "signatureCertificateOrPublicKey") : NULL;
  g_autoptr (GBytes) bytes = NULL;
  gsize length = 0;
  guint8 *data;

  if (g_strcmp0 (type, "PUBLIC_KEY") != 0 || der == NULL)
    return NULL;
  data = g_base64_decode (der, &length);
  bytes = g_bytes_new_take (data, length);
  return pos_rksv_key_new (key_id, bytes);
}

GPtrArray *
pos_rksv_container_read (const char *json, char **aes_key_base64, GError **error)
{
  g_autoptr (JsonNode) root = pos_json_parse (json, error);
  g_autoptr (GPtrArray) keys = g_ptr_array_new_with_free_func ((GDestroyNotify)pos_rksv_key_free);
  JsonObject *object, *map;
  g_autoptr (GList) members = NULL;

  if (root == NULL)
    return NULL;
  object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  map = object && json_object_has_member (object, "certificateOrPublicKeyMap")
            ? json_object_get_object_member (object, "certificateOrPublicKeyMap")
            : NULL;
  if (map == NULL || pos_json_get_string (object, "base64AESKey") == NULL)
    return malformed ("cryptographic material container", error), NULL;
  members = json_object_get_members (map);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (map, l->data);
      PosRksvKey *key
          = read_key (JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL, l->data);

      if (key == NULL)
        return malformed ("cryptographic material container (only public keys are read)", error), NULL;
      g_ptr_array_add (keys, key);
    }
  *aes_key_base64 = g_strdup (pos_json_get_string (object, "base64AESKey"));
  return g_steal_pointer (&keys);
}

static gboolean
write_file (const char *dir, const char *name, const char *text, GError **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  return g_file_set_contents (path, text, -1, error);
}

gboolean
pos_rksv_dep_write_dir (const char *dir, GPtrArray *jws_list, const char *aes_key_base64, GPtrArray *keys,
                        GError **error)
{
  g_autofree char *dep = pos_rksv_dep_to_json (jws_list);
  g_autofree char *container = pos_rksv_container_to_json (aes_key_base64, keys);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, POS_ERROR, POS_ERROR_FAILED, _ ("Cannot make %s: %s"), dir, g_strerror (saved));
      return FALSE;
    }
  return write_file (dir, "dep-export.json", dep, error)
         && write_file (dir, "cryptographicMaterialContainer.json", container, error);
}
