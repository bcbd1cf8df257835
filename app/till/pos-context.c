/* pos-context.c — the services every page of the till needs, in one object. */
#include "pos-context.h"

#include <glib/gi18n-lib.h>

#include <stdio.h>

#include "pos-checkpointer.h"
#include "pos-format.h"
#include "pos-hub-secret.h"
#include "pos-i18n.h"
#include "pos-journal.h"
#include "pos-money.h"
#include "pos-nf525-jet.h"
#include "pos-scanner-hid.h"
#include "pos-scanner-serial.h"
#include "pos-sync-worker.h"
#include "pos-store-private.h"
#include "pos-thread-priority.h"

#define POS_SETTINGS_SCHEMA "org.mainstreet.Mainstreet"

struct _PosContext
{
  GObject parent_instance;

  PosStore *store;
  PosCheckpointer *checkpointer; /* NULL: SQLite checkpoints in the commits */
  GSettings *settings;
  PosUser *user;
  char *till_id;
  char *currency_code;
  char *locale; /* the shop's, for money on screen; NULL: the currency's home */
  char *printer_state;
  char *scanner_state;
  gint64 unsynced;
  PosScanner *scanner;
  PosBackupScheduler *backups;
  PosSyncWorker *sync_worker; /* NULL when this till has no hub */
  gboolean online;
  gint64 last_sync;
  char *sync_error;
  char *store_problem;
  gboolean check_started;
};

G_DEFINE_FINAL_TYPE (PosContext, pos_context, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_USER_NAME,
  PROP_TILL_ID,
  PROP_PRINTER_STATE,
  PROP_SCANNER_STATE,
  PROP_UNSYNCED,
  PROP_HUB_CONFIGURED,
  PROP_ONLINE,
  PROP_LAST_SYNC,
  PROP_SYNC_ERROR,
  PROP_STORE_PROBLEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SIGNAL_SCANNED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void stop_sync (PosContext *self);

static void
pos_context_finalize (GObject *object)
{
  PosContext *self = POS_CONTEXT (object);

  g_clear_pointer (&self->user, pos_user_free);
  stop_sync (self);
  if (self->scanner != NULL)
    pos_scanner_stop (self->scanner);
  g_clear_object (&self->scanner);
  g_clear_object (&self->backups);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->checkpointer, pos_checkpointer_free);
  g_clear_pointer (&self->store, pos_store_close);
  g_free (self->till_id);
  g_free (self->currency_code);
  g_free (self->locale);
  g_free (self->printer_state);
  g_free (self->scanner_state);
  g_free (self->sync_error);
  g_free (self->store_problem);
  G_OBJECT_CLASS (pos_context_parent_class)->finalize (object);
}

static void
pos_context_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  PosContext *self = POS_CONTEXT (object);

  switch (prop_id)
    {
      case PROP_USER_NAME:
        g_value_set_string (value, self->user ? self->user->name : NULL);
        break;
      case PROP_TILL_ID:
        g_value_set_string (value, self->till_id);
        break;
      case PROP_PRINTER_STATE:
        g_value_set_string (value, self->printer_state);
        break;
      case PROP_SCANNER_STATE:
        g_value_set_string (value, self->scanner_state);
        break;
      case PROP_UNSYNCED:
        g_value_set_int64 (value, self->unsynced);
        break;
      case PROP_HUB_CONFIGURED:
        g_value_set_boolean (value, self->sync_worker != NULL);
        break;
      case PROP_ONLINE:
        g_value_set_boolean (value, self->online);
        break;
      case PROP_LAST_SYNC:
        g_value_set_int64 (value, self->last_sync);
        break;
      case PROP_SYNC_ERROR:
        g_value_set_string (value, self->sync_error);
        break;
      case PROP_STORE_PROBLEM:
        g_value_set_string (value, self->store_problem);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pos_context_class_init (PosContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pos_context_finalize;
  object_class->get_property = pos_context_get_property;

  properties[PROP_USER_NAME]
      = g_param_spec_string ("user-name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TILL_ID]
      = g_param_spec_string ("till-id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PRINTER_STATE]
      = g_param_spec_string ("printer-state", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SCANNER_STATE]
      = g_param_spec_string ("scanner-state", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNSYNCED] = g_param_spec_int64 ("unsynced", NULL, NULL, 0, G_MAXINT64, 0,
                                                  G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_HUB_CONFIGURED]
      = g_param_spec_boolean ("hub-configured", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ONLINE]
      = g_param_spec_boolean ("online", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_SYNC] = g_param_spec_int64 ("last-sync", NULL, NULL, 0, G_MAXINT64, 0,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SYNC_ERROR]
      = g_param_spec_string ("sync-error", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE_PROBLEM]
      = g_param_spec_string ("store-problem", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A code from the USB or serial scanner of this till. */
  signals[SIGNAL_SCANNED] = g_signal_new ("scanned", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                          NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
pos_context_init (PosContext *self)
{
  self->printer_state = g_strdup ("none");
  self->scanner_state = g_strdup ("keyboard");
}

/* The schema may be missing when running from the build tree without
 * GSETTINGS_SCHEMA_DIR; the till then works with defaults. */
static GSettings *
lookup_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;

  if (source == NULL)
    return NULL;
  schema = g_settings_schema_source_lookup (source, POS_SETTINGS_SCHEMA, TRUE);
  if (schema == NULL)
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

/* The check reads the whole file, which on a big store takes many seconds
 * of CPU and disk: it runs on a thread of its own at the lowest priority
 * (pos_thread_lower_priority ()), so drawing and selling go first. */
static gpointer
check_thread (gpointer data)
{
  GTask *task = data;
  PosStore *store;
  GError *error = NULL;

  pos_thread_lower_priority ();
  store = pos_store_open (g_task_get_task_data (task), POS_STORE_OPEN_READONLY | POS_STORE_OPEN_NO_CHECK,
                          &error);
  /* One pass over the file: a big page cache would only grow the till. */
  if (store != NULL)
    pos_store_exec (store, "PRAGMA cache_size = -256", NULL);
  /* The journal's hashes too: a sale only re-hashes the newest event. A
   * broken chain is damage like a broken page: selling stops until a
   * backup is restored. */
  if (store != NULL && pos_store_check (store, &error) && !pos_journal_check_chain (store, &error)
      && error->code == POS_ERROR_CHAIN_BROKEN)
    error->code = POS_ERROR_STORE_DAMAGED;
  g_clear_pointer (&store, pos_store_close);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
  /* This may be the last reference to the task, and through it to the
   * context: drop it in the main thread, where the context lives. */
  g_idle_add_once ((GSourceOnceFunc)g_object_unref, task);
  return NULL;
}

void
pos_context_check_async (PosContext *self, GCancellable *cancellable, GAsyncReadyCallback callback,
                         gpointer user_data)
{
  GTask *task;
  g_autoptr (GThread) thread = NULL;

  g_return_if_fail (POS_IS_CONTEXT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pos_context_check_async);
  g_task_set_task_data (task, g_strdup (pos_store_path (self->store)), g_free);
  /* The thread owns @task until it hands it back to the main loop. It
   * speaks the cashier's language: a damaged journal is told to them. */
  thread = pos_i18n_thread_new ("store-check", check_thread, task);
}

gboolean
pos_context_check_finish (PosContext *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pos_context_check_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_store_checked_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  PosContext *self = POS_CONTEXT (source);
  g_autoptr (GError) error = NULL;

  if (pos_context_check_finish (self, result, &error))
    {
      /* Unless a write found the store damaged meanwhile. */
      if (pos_store_health (self->store) == POS_STORE_CHECKING)
        pos_store_set_health (self->store, POS_STORE_HEALTHY);
      return;
    }
  if (!g_error_matches (error, POS_ERROR, POS_ERROR_STORE_DAMAGED))
    {
      /* Not checked: the first sale runs the check itself. */
      if (pos_store_health (self->store) == POS_STORE_CHECKING)
        pos_store_set_health (self->store, POS_STORE_UNCHECKED);
      return;
    }
  pos_store_set_health (self->store, POS_STORE_DAMAGED);
  g_free (self->store_problem);
  self->store_problem = g_strdup (error->message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE_PROBLEM]);
}

void
pos_context_check_store (PosContext *self)
{
  g_return_if_fail (POS_IS_CONTEXT (self));
  if (self->check_started)
    return;
  self->check_started = TRUE;
  if (pos_store_health (self->store) == POS_STORE_UNCHECKED)
    pos_store_set_health (self->store, POS_STORE_CHECKING);
  pos_context_check_async (self, NULL, on_store_checked_cb, NULL);
}

PosContext *
pos_context_new (const char *store_path, GError **error)
{
  g_autoptr (PosContext) self = NULL;
  g_autoptr (GError) checkpoint_error = NULL;
  g_autofree char *dir = NULL;

  g_return_val_if_fail (store_path != NULL, NULL);

  dir = g_path_get_dirname (store_path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_STORE, _ ("Cannot create the folder %s"), dir);
      return NULL;
    }
  self = g_object_new (POS_TYPE_CONTEXT, NULL);
  /* The integrity check reads the whole file: it runs later in a worker
   * (pos_context_check_store), so a big store does not delay the first scan. */
  self->store = pos_store_open (store_path, POS_STORE_OPEN_CREATE | POS_STORE_OPEN_NO_CHECK, error);
  if (self->store == NULL)
    return NULL;
  /* The till's signing key before anything else writes: reading the key
   * file and announcing a new key is no work for the first sale. */
  if (!pos_journal_ensure_key (self->store, &checkpoint_error))
    {
      g_message ("The till's key is not ready: %s", checkpoint_error->message);
      g_clear_error (&checkpoint_error);
    }
  if (!pos_nf525_jet_record (self->store, POS_JET_START, "app", &checkpoint_error))
    {
      g_message ("The event log did not record the start: %s", checkpoint_error->message);
      g_clear_error (&checkpoint_error);
    }
  self->checkpointer = pos_checkpointer_new (self->store, POS_CHECKPOINT_FRAMES, &checkpoint_error);
  if (self->checkpointer == NULL)
    g_message ("Checkpoints run in the commits: %s", checkpoint_error->message);
  self->settings = lookup_settings ();
  self->till_id = pos_journal_till_id (self->store);
  self->currency_code = pos_store_dup_setting (self->store, "currency");
  if (self->currency_code == NULL)
    self->currency_code = g_strdup ("EUR");
  self->locale = pos_store_dup_setting (self->store, "locale");
  self->unsynced = pos_journal_count_unpushed (self->store);
  self->backups = pos_backup_scheduler_new (store_path, self->settings);
  return g_steal_pointer (&self);
}

PosStore *
pos_context_get_store (PosContext *self)
{
  g_return_val_if_fail (POS_IS_CONTEXT (self), NULL);
  return self->store;
}

const char *
pos_context_get_store_path (PosContext *self)
{
  g_return_val_if_fail (POS_IS_CONTEXT (self), NULL);
  return pos_store_path (self->store);
}

const char *
pos_context_get_store_problem (PosContext *self)
{
  g_return_val_if_fail (POS_IS_CONTEXT (self), NULL);
  return self->store_problem;
}

PosBackupScheduler *
pos_context_get_backups (PosContext *self)
{
  g_return_val_if_fail (POS_IS_CONTEXT (self), NULL);
  return self->backups;
}

GSettings *
pos_context_get_settings (PosContext *self)
{
  g_return_val_if_fail (POS_IS_CONTEXT (self), NULL);
  return self->settings;
}

const char *
pos_context_get_till_id (PosContext *self)
{
  g_return_val_if_fail (POS_IS_CONTEXT (self), NULL);
  return self->till_id ? self->till_id : "T1";
}

const char *
pos_context_get_currency_code (PosContext *self)
{
  g_return_val_if_fail (POS_IS_CONTEXT (self), NULL);
  return self->currency_code;
}

const PosCurrency *
pos_context_get_currency (PosContext *self)
{
  const PosCurrency *currency;

  g_return_val_if_fail (POS_IS_CONTEXT (self), NULL);
  currency = pos_currency_lookup (self->currency_code);
  return pos_currency_for_locale (currency ? currency : pos_currency_lookup ("EUR"), self->locale);
}

char *
pos_context_format_amount (PosContext *self, gint64 amount)
{
  g_return_val_if_fail (POS_IS_CONTEXT (self), NULL);
  return pos_amount_format (amount, pos_context_get_currency (self));
}

char *
pos_context_format_qty (gint64 qty)
{
  return pos_qty_to_string (qty);
}

const PosUser *
pos_context_get_user (PosContext *self)
{
  g_return_val_if_fail (POS_IS_CONTEXT (self), NULL);
  return self->user;
}

void
pos_context_set_user (PosContext *self, const PosUser *user)
{
  g_return_if_fail (POS_IS_CONTEXT (self));

  g_clear_pointer (&self->user, pos_user_free);
  if (user != NULL)
    self->user = pos_user_copy (user);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER_NAME]);
}

/* Replaces *@field with @value and notifies @pspec, only when it changed. */
static void
set_string (PosContext *self, char **field, const char *value, GParamSpec *pspec)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

const char *
pos_context_get_printer_state (PosContext *self)
{
  g_return_val_if_fail (POS_IS_CONTEXT (self), NULL);
  return self->printer_state;
}

void
pos_context_set_printer_state (PosContext *self, const char *state)
{
  g_return_if_fail (POS_IS_CONTEXT (self));
  set_string (self, &self->printer_state, state, properties[PROP_PRINTER_STATE]);
}

const char *
pos_context_get_scanner_state (PosContext *self)
{
  g_return_val_if_fail (POS_IS_CONTEXT (self), NULL);
  return self->scanner_state;
}

void
pos_context_set_scanner_state (PosContext *self, const char *state)
{
  g_return_if_fail (POS_IS_CONTEXT (self));
  set_string (self, &self->scanner_state, state, properties[PROP_SCANNER_STATE]);
}

gint64
pos_context_get_unsynced (PosContext *self)
{
  g_return_val_if_fail (POS_IS_CONTEXT (self), 0);
  return self->unsynced;
}

/* Re-reads the number of journal events not yet pushed to the hub: one
 * count over a partial index, cheap enough for the main thread. */
void
pos_context_refresh_unsynced (PosContext *self)
{
  gint64 n;

  g_return_if_fail (POS_IS_CONTEXT (self));
  n = pos_journal_count_unpushed (self->store);
  if (n == self->unsynced)
    return;
  self->unsynced = n;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNSYNCED]);
}

PosScanner *
pos_context_get_scanner (PosContext *self)
{
  g_return_val_if_fail (POS_IS_CONTEXT (self), NULL);
  return self->scanner;
}

static void
on_scanner_scanned_cb (PosScanner *scanner, const char *code, const char *symbology, PosContext *self)
{
  g_signal_emit (self, signals[SIGNAL_SCANNED], 0, code);
}

static void
on_scanner_disconnected_cb (PosScanner *scanner, const GError *error, PosContext *self)
{
  g_autofree char *state = g_strdup_printf ("disconnected: %s", error ? error->message : "unplugged");

  pos_context_set_scanner_state (self, state);
}

/* Opens the device named by @choice, or returns NULL with @error. */
static PosScanner *
open_device (const char *choice, GError **error)
{
  guint vendor = 0, product = 0;

  if (g_str_has_prefix (choice, "serial:"))
    return pos_scanner_serial_new (choice + strlen ("serial:"), 9600, error);
  if (g_str_has_prefix (choice, "hid:") && sscanf (choice + strlen ("hid:"), "%x:%x", &vendor, &product) == 2)
    return pos_scanner_hid_new ((guint16)vendor, (guint16)product, POS_HID_MODE_AUTO, error);
  g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("Unknown scanner \"%s\""), choice);
  return NULL;
}

void
pos_context_open_scanner (PosContext *self)
{
  g_autofree char *choice = NULL;
  g_autoptr (GError) error = NULL;

  g_return_if_fail (POS_IS_CONTEXT (self));

  if (self->scanner != NULL)
    pos_scanner_stop (self->scanner);
  g_clear_object (&self->scanner);
  choice = self->settings ? g_settings_get_string (self->settings, "scanner") : g_strdup ("keyboard");
  if (*choice == '\0' || g_str_equal (choice, "keyboard"))
    {
      pos_context_set_scanner_state (self, "keyboard");
      return;
    }
  self->scanner = open_device (choice, &error);
  if (self->scanner == NULL)
    {
      g_autofree char *state = g_strdup_printf ("%s: %s", choice, error->message);
      pos_context_set_scanner_state (self, state);
      return;
    }
  g_signal_connect_object (self->scanner, "scanned", G_CALLBACK (on_scanner_scanned_cb), self, 0);
  g_signal_connect_object (self->scanner, "disconnected", G_CALLBACK (on_scanner_disconnected_cb), self, 0);
  pos_context_set_scanner_state (self, choice);
}

/* --- The hub ------------------------------------------------------------ */

/* Copies the worker's state into the context's own properties, notifying
 * only what changed (the worker notifies everything after each attempt). */
static void
on_sync_worker_notify_cb (PosSyncWorker *worker, GParamSpec *pspec, PosContext *self)
{
  gboolean online = pos_sync_worker_get_online (worker);
  gint64 last_sync = pos_sync_worker_get_last_sync (worker);
  gint64 unsynced = pos_sync_worker_get_unsynced (worker);
  g_autofree char *error = pos_sync_worker_dup_last_error (worker);

  if (online != self->online)
    {
      self->online = online;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ONLINE]);
    }
  if (last_sync != self->last_sync)
    {
      self->last_sync = last_sync;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SYNC]);
    }
  if (unsynced >= 0 && unsynced != self->unsynced)
    {
      self->unsynced = unsynced;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNSYNCED]);
    }
  set_string (self, &self->sync_error, error, properties[PROP_SYNC_ERROR]);
}

/* Stops the worker, waiting for an attempt under way (bounded by the
 * connection's connect_timeout). */
static void
stop_sync (PosContext *self)
{
  if (self->sync_worker == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->sync_worker, self);
  pos_sync_worker_stop (self->sync_worker);
  g_clear_object (&self->sync_worker);
}

/* The hub's connection string of this till with its password from the
 * keyring (in memory only), or NULL when it has none. */
static char *
dup_hub_conninfo (PosContext *self, GError **error)
{
  if (self->settings == NULL)
    return NULL;
  return pos_hub_secret_load_conninfo (self->settings, pos_context_get_till_id (self), error);
}

void
pos_context_start_sync (PosContext *self)
{
  g_autofree char *conninfo = NULL;
  g_autoptr (GError) error = NULL;
  gboolean had_hub;

  g_return_if_fail (POS_IS_CONTEXT (self));

  had_hub = self->sync_worker != NULL;
  stop_sync (self);
  conninfo = dup_hub_conninfo (self, &error);
  if (conninfo != NULL)
    {
      self->sync_worker = pos_sync_worker_new (pos_store_path (self->store), conninfo);
      pos_sync_worker_set_checkpointer (self->sync_worker, self->checkpointer);
      g_signal_connect_object (self->sync_worker, "notify", G_CALLBACK (on_sync_worker_notify_cb), self, 0);
      pos_sync_worker_start (self->sync_worker);
    }
  self->online = FALSE;
  g_clear_pointer (&self->sync_error, g_free);
  if (error != NULL)
    self->sync_error = g_strdup (error->message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ONLINE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC_ERROR]);
  if (had_hub != (self->sync_worker != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HUB_CONFIGURED]);
}

void
pos_context_sync_now (PosContext *self)
{
  g_return_if_fail (POS_IS_CONTEXT (self));
  if (self->sync_worker != NULL)
    pos_sync_worker_sync_now (self->sync_worker);
}

gboolean
pos_context_get_hub_configured (PosContext *self)
{
  g_return_val_if_fail (POS_IS_CONTEXT (self), FALSE);
  return self->sync_worker != NULL;
}

gboolean
pos_context_get_online (PosContext *self)
{
  g_return_val_if_fail (POS_IS_CONTEXT (self), FALSE);
  return self->online;
}

gint64
pos_context_get_last_sync (PosContext *self)
{
  g_return_val_if_fail (POS_IS_CONTEXT (self), 0);
  return self->last_sync;
}

const char *
pos_context_get_sync_error (PosContext *self)
{
  g_return_val_if_fail (POS_IS_CONTEXT (self), NULL);
  return self->sync_error;
}
