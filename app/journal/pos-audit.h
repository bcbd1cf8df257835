/* pos-audit.h — who did what, and who approved it.
 *
 * Audit rows are append-only (the schema refuses UPDATE and DELETE). A row is
 * written inside the caller's transaction, so it exists exactly when the
 * action it describes was saved.
 */
#pragma once

#include <glib.h>

#include "pos-store-private.h"
#include "pos-users.h"

G_BEGIN_DECLS

/*
 * Appends an audit row stamped with pos_clock_now_us(). Must be called
 * inside a transaction (pos_store_begin); it opens none of its own.
 * @action is a short name such as pos_action_to_string() gives; @sale_id 0
 * means no sale; @detail_json, when given, must be a JSON object
 * (POS_ERROR_INVALID otherwise).
 */
gboolean pos_audit_record (PosStore *store, const PosUser *user, const PosUser *approver, const char *action,
                           gint64 sale_id, const char *detail_json, GError **error);

G_END_DECLS
