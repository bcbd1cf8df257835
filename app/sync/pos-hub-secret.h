/* pos-hub-secret.h — where a till keeps its password on the shop's hub.
 *
 * The hub connection string in GSettings ("hub-conninfo") never holds the
 * password: it lives in the system keyring (Secret Service, via libsecret)
 * under the schema "org.mainstreet.Mainstreet.HubPassword" with the
 * attributes "till" and "host". A machine whose session runs no Secret
 * Service (a kiosk without a desktop session) keeps it instead in
 * $XDG_CONFIG_HOME/mainstreet/hub-passwords, a file only its user can read
 * (0600), like libpq's own password file. The password joins the
 * connection string only in memory, when the till connects.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  POS_HUB_SECRET_KEYRING, /* the desktop's keyring (Secret Service) */
  POS_HUB_SECRET_FILE,    /* the 0600 file: no keyring on this machine */
} PosHubSecretPlace;

/* Splits @conninfo (a libpq connection string or URI) into the same
 * connection without its password (keyword=value form), the password
 * (NULL when it has none) and the hub's host ("" for the local socket).
 * POS_ERROR_INVALID when it does not parse. Returns: (transfer full) */
char *pos_hub_secret_split (const char *conninfo, char **password, char **host, GError **error);

/* @conninfo with @password added (quoted as libpq wants); @conninfo itself
 * when @password is NULL. Only ever kept in memory. Returns: (transfer full) */
char *pos_hub_secret_join (const char *conninfo, const char *password);

/* Keeps @password for @till on @host, in the keyring when there is one,
 * else in the 0600 file; @place (optional) says where it went. */
gboolean pos_hub_secret_store (const char *till, const char *host, const char *password,
                               PosHubSecretPlace *place, GCancellable *cancellable, GError **error);
/* The password kept for @till on @host; NULL without an error when none. */
char *pos_hub_secret_lookup (const char *till, const char *host, GCancellable *cancellable, GError **error);
/* Forgets the password of @till on @host wherever it is kept. */
gboolean pos_hub_secret_clear (const char *till, const char *host, GCancellable *cancellable, GError **error);

void pos_hub_secret_store_async (const char *till, const char *host, const char *password,
                                 GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
gboolean pos_hub_secret_store_finish (GAsyncResult *result, PosHubSecretPlace *place, GError **error);
void pos_hub_secret_lookup_async (const char *till, const char *host, GCancellable *cancellable,
                                  GAsyncReadyCallback callback, gpointer user_data);
char *pos_hub_secret_lookup_finish (GAsyncResult *result, GError **error);

/* Saves @conninfo as @till's hub connection: its password (if it has one)
 * goes to pos_hub_secret_store(), the rest to @settings' "hub-conninfo".
 * An empty @conninfo removes the hub and forgets the old password. Nothing
 * is written to @settings when the password cannot be kept. */
gboolean pos_hub_secret_save_conninfo (GSettings *settings, const char *till, const char *conninfo,
                                       PosHubSecretPlace *place, GError **error);

/* The connection string to connect with: @settings' "hub-conninfo" plus
 * the kept password, or NULL (without an error) when there is no hub. A
 * value saved by an older version with its password in it is moved out of
 * @settings first; should that fail, the value is used as it is and left
 * in place, so the till keeps syncing. An error only when the kept
 * password cannot be read. Returns: (transfer full) */
char *pos_hub_secret_load_conninfo (GSettings *settings, const char *till, GError **error);

G_END_DECLS
