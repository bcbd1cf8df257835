/* pos-audit.h — who did what, and who approved it.
 *
 * Audit rows are append-only (the schema refuses UPDATE and DELETE). A row is
 * written inside the caller's transaction, so it exists exactly when the
 * action it describes was saved.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

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

/*
 * The record of one business action, in the caller's transaction: the
 * journal event @type with @payload (as @event_id, or under a new id when
 * NULL) and its audit row @action. The row's detail is @detail_json, or the
 * event's payload when NULL. Every action that is both journalled and
 * audited comes through here, so the two never part.
 */
gboolean pos_audit_record_event (PosStore *store, const PosUser *user, const PosUser *approver,
                                 const char *action, gint64 sale_id, const char *type, const char *event_id,
                                 JsonObject *payload, const char *detail_json, GError **error);

G_END_DECLS
