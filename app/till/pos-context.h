/* pos-context.h — the services every page of the till needs, in one object.
 *
 * The window creates one context and hands it to each page: the store, the
 * per-machine settings, the signed-in user and the state of the devices.
 * Pages read and watch it; nothing in the UI reaches for globals.
 */
#pragma once

#include <gio/gio.h>

#include "pos-money.h"
#include "pos-scanner.h"
#include "pos-store.h"
#include "pos-users.h"
#include "pos-backup-scheduler.h"

G_BEGIN_DECLS

#define POS_TYPE_CONTEXT (pos_context_get_type ())
G_DECLARE_FINAL_TYPE (PosContext, pos_context, POS, CONTEXT, GObject)

/* Opens (creating and migrating when missing) the store at @store_path.
 * Returns: (transfer full) (nullable) */
PosContext *pos_context_new (const char *store_path, GError **error);

PosStore *pos_context_get_store (PosContext *self);
/* Why the store cannot be sold from (its integrity check, run in the
 * background after opening, failed), or NULL; property "store-problem".
 * Returns: (transfer none) (nullable) */
const char *pos_context_get_store_problem (PosContext *self);
/* Runs PRAGMA quick_check in a low-priority thread on a connection of its
 * own (once). Sales go on while it runs; a damaged store refuses every
 * sale from its answer on. */
void pos_context_check_store (PosContext *self);
/* The check itself, as often as asked, in a thread of its own at the
 * lowest CPU and I/O priority (nice 19, idle I/O class) on a read-only
 * connection of its own. POS_ERROR_STORE_DAMAGED when the file is damaged;
 * the store's health is left to the caller. */
void pos_context_check_async (PosContext *self, GCancellable *cancellable, GAsyncReadyCallback callback,
                              gpointer user_data);
gboolean pos_context_check_finish (PosContext *self, GAsyncResult *result, GError **error);
const char *pos_context_get_store_path (PosContext *self);

/* The per-machine GSettings, or NULL when the schema is not installed.
 * Returns: (transfer none) (nullable) */
GSettings *pos_context_get_settings (PosContext *self);

/* Backups of the store to this machine's backup folder; started by the
 * window. Returns: (transfer none) */
PosBackupScheduler *pos_context_get_backups (PosContext *self);

/* The till's id from the store settings, "T1" when unset. */
const char *pos_context_get_till_id (PosContext *self);

/* The store currency's ISO code, "EUR" when unset. */
const char *pos_context_get_currency_code (PosContext *self);

/* The store currency (EUR when the setting names none Mainstreet knows). (transfer none) */
const PosCurrency *pos_context_get_currency (PosContext *self);

/* Formats @amount (minor units) in the store currency for people. (transfer full) */
char *pos_context_format_amount (PosContext *self, gint64 amount);

/* Formats a quantity in thousandths without trailing zeros: 1500 → "1.5". (transfer full) */
char *pos_context_format_qty (gint64 qty);

/* Who is signed in now. Returns: (transfer none) (nullable) */
const PosUser *pos_context_get_user (PosContext *self);
void pos_context_set_user (PosContext *self, const PosUser *user);

/* Device and sync state shown in the header; notify on change only. */
const char *pos_context_get_printer_state (PosContext *self);
void pos_context_set_printer_state (PosContext *self, const char *state);
const char *pos_context_get_scanner_state (PosContext *self);
void pos_context_set_scanner_state (PosContext *self, const char *state);
gint64 pos_context_get_unsynced (PosContext *self);

/* The USB or serial scanner chosen for this till ("serial:/dev/ttyACM0",
 * "hid:VVVV:PPPP"; "keyboard" has none), opened by
 * pos_context_open_scanner() (again after the choice changed); the
 * context's own "scanned" signal carries its codes.
 * Returns: (transfer none) (nullable) */
PosScanner *pos_context_get_scanner (PosContext *self);
void pos_context_open_scanner (PosContext *self);
void pos_context_refresh_unsynced (PosContext *self);

/* Syncing with the shop's hub, when this till has one: the per-machine
 * setting "hub-conninfo" (a libpq connection string with this till's own
 * role; its password is in the keyring, pos-hub-secret.h). A PosSyncWorker
 * then syncs in the background on its own store connection, with backoff
 * after failures, and never holds up a sale. Its state is mirrored in the
 * properties "hub-configured", "online", "last-sync" (wall-clock µs, 0 =
 * never), "sync-error" and "unsynced", notified on change only.
 *
 * pos_context_start_sync() (re)starts the worker from the setting, or
 * stops it when the setting is empty; pos_context_sync_now() asks for an
 * attempt now instead of at the next interval. */
void pos_context_start_sync (PosContext *self);
void pos_context_sync_now (PosContext *self);
gboolean pos_context_get_hub_configured (PosContext *self);
gboolean pos_context_get_online (PosContext *self);
gint64 pos_context_get_last_sync (PosContext *self);
/* Returns: (transfer none) (nullable) */
const char *pos_context_get_sync_error (PosContext *self);

G_END_DECLS
