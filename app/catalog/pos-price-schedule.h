/* pos-price-schedule.h — scheduled price changes: a new price from a date
 * and time.
 *
 * Scheduling writes the change and a "price.scheduled" journal event, so
 * every till of the shop learns it at its next sync. Each till applies a
 * change itself once its clock (pos-clock.h) reaches the start, offline
 * too: the product's price is updated in one transaction with the change's
 * applied_at, the schema makes the catalog version, and the label run of
 * `labels --changed-since-last` lists the product. No event is written for
 * applying: every till derives it from the same scheduled event, so the hub
 * sees one fact, not one per till. A variant following its product's price
 * follows the scheduled one too (migration 013).
 *
 * The till runs pos_price_schedule_apply_due() when the next change is due
 * (pos_price_schedule_next_due()), and the command line before it sells.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pos-catalog.h"
#include "pos-users.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 id;
  gint64 product_id;
  char *sku;
  char *name;
  PosAmount price;     /* the new price */
  PosAmount old_price; /* the product's price now */
  gint64 starts_us;
  gboolean applied;
} PosPriceChange;

void pos_price_change_free (PosPriceChange *change);

/* Schedules @price for product @product_id from @starts_us, for @user (a
 * supervisor or the owner). A start in the past is refused: a price for now
 * is an edit. The same product and start again replaces the price. On bad
 * input *@field (nullable) is "price" or "from". */
gboolean pos_price_schedule_add (PosStore *store, const PosUser *user, gint64 product_id, PosAmount price,
                                 gint64 starts_us, const char **field, GError **error);

/* Records another till's scheduled change (a "price.scheduled" event's
 * body), without an event of its own. */
gboolean pos_price_schedule_apply_event (PosStore *store, JsonObject *body, GError **error);

/* Applies every change due at pos_clock_now_us(), oldest first, in one
 * transaction. Appends the ids of the products whose price it changed to
 * @changed (nullable, gint64). */
gboolean pos_price_schedule_apply_due (PosStore *store, GArray *changed, GError **error);

/* When the next pending change starts, in µs; 0 when none is pending, -1
 * on error. */
gint64 pos_price_schedule_next_due (PosStore *store, GError **error);

/* The pending changes (and the applied ones too when @applied), by start.
 * Returns: (transfer full) (element-type PosPriceChange) (nullable) */
GPtrArray *pos_price_schedule_list (PosStore *store, gboolean applied, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosPriceChange, pos_price_change_free)

G_END_DECLS
