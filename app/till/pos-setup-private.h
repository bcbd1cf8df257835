/* pos-setup-private.h — shared by pos-setup.c and pos-setup-async.c. */
#pragma once

#include "pos-setup.h"

G_BEGIN_DECLS

/* A deep copy, for a worker thread. Returns: (transfer full) */
PosSetupPlan *pos_setup_plan_copy (const PosSetupPlan *plan);

/* Writes @plan's settings and tax rates into @store in one transaction. */
gboolean pos_setup_write_shop (const PosSetupPlan *plan, PosStore *store, GError **error);

/* The connection string this till uses on @plan's hub, password included.
 * Returns: (transfer full) (nullable) */
char *pos_setup_till_conninfo (const PosSetupPlan *plan, GError **error);

/* The app's settings of @plan (backups, the hub): in the thread that owns
 * @settings (nullable). */
void pos_setup_write_app_settings (const PosSetupPlan *plan, GSettings *settings);

G_END_DECLS
