/* pos-sale-prices.c — scheduled prices switch at the till while it runs:
 * a timer set for the next pending change (pos-price-schedule.h) applies
 * it when due and says so. The timer never waits longer than
 * PRICE_CHECK_MAX_S, so a change another till scheduled, pulled by sync
 * meanwhile, is seen too, and a clock set forward or back is followed.
 */
#include "pos-sale-page-private.h"

#include "pos-clock.h"
#include "pos-price-schedule.h"

#define PRICE_CHECK_MAX_S 15

static gboolean on_price_timer_cb (gpointer user_data);

static void
arm (PosSalePage *self)
{
  g_autoptr (GError) error = NULL;
  gint64 next = pos_price_schedule_next_due (pos_context_get_store (self->context), &error);
  gint64 wait_ms = PRICE_CHECK_MAX_S * 1000;

  if (next < 0)
    g_warning ("Cannot read the scheduled prices: %s", error->message);
  else if (next > 0)
    wait_ms = CLAMP ((next - pos_clock_now_us ()) / 1000 + 1, 0, wait_ms);
  self->price_timer = g_timeout_add ((guint)wait_ms, on_price_timer_cb, self);
}

static gboolean
on_price_timer_cb (gpointer user_data)
{
  PosSalePage *self = user_data;
  g_autoptr (GArray) changed = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GError) error = NULL;

  self->price_timer = 0;
  if (!pos_price_schedule_apply_due (pos_context_get_store (self->context), changed, &error))
    g_warning ("Cannot apply the scheduled prices: %s", error->message);
  else if (changed->len > 0)
    {
      g_autofree char *message = g_strdup_printf (changed->len == 1 ? "A new price from now: %u product"
                                                                    : "New prices from now: %u products",
                                                  changed->len);
      pos_sale_page_toast (self, message);
    }
  arm (self);
  return G_SOURCE_REMOVE;
}

void
pos_sale_prices_watch (PosSalePage *self)
{
  pos_sale_prices_stop (self);
  on_price_timer_cb (self); /* what fell due while the till was off, at once */
}

void
pos_sale_prices_stop (PosSalePage *self)
{
  g_clear_handle_id (&self->price_timer, g_source_remove);
}
