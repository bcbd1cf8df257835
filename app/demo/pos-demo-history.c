/* pos-demo-history.c — the corner shop's past weeks, rung up at the till.
 *
 * Every sale is scanned into a PosCart (EAN-13s, scale labels, the odd
 * "3 ×" and typed SKU) and paid through pos_checkout_commit() with the clock
 * fixed at the moment it happened; refunds go through pos_refund_commit()
 * and deliveries through pos_stock_receive(). So the history has receipt
 * numbers, stock moves, loyalty entries, audit rows and journal events
 * exactly as a till would have written them.
 *
 * The shop is open Monday to Friday 7–19 and Saturday 8–14, busiest on the
 * way to work and after it; Saturdays are short and busy, Sundays closed.
 * Each cashier works a shift with a counted float and a drawer count at
 * the end (now and then a coin off), a supervisor pays out for the odd
 * window cleaner, and every day ends with its Z report.
 */
#include "pos-demo-private.h"

#include "pos-cart.h"
#include "pos-checkout.h"
#include "pos-clock.h"
#include "pos-loyalty.h"
#include "pos-refund.h"
#include "pos-report.h"
#include "pos-shift.h"
#include "pos-stock.h"

/* Relative number of customers per half hour from opening. */
static const guint weekday_slots[]
    = { 8, 10, 9, 7, 5, 4, 4, 4, 4, 5, 6, 6, 5, 4, 3, 3, 4, 5, 6, 8, 10, 10, 8, 5 };
static const guint saturday_slots[] = { 6, 8, 10, 11, 11, 10, 10, 9, 8, 7, 5, 4 };
#define WEEKDAY_OPENS (7 * 60)
#define SATURDAY_OPENS (8 * 60)

/* Customers on an average day, by GDateWeekday (Monday = 1). */
static const guint day_customers[] = { 0, 95, 90, 95, 105, 125, 140, 0 };

/* An average open day: about 110 customers with 3.8 lines each; before
 * half past nine, 55 % of lines go to the morning goods, a sixth of all. */
#define LINES_PER_DAY 420
#define MORNING_LINES_PER_DAY 60

/* What a line of @item averages: the odd "3 ×", or a scale's weight. */
static PosQty
qty_per_line (const PosDemoItem *item)
{
  if (item->kind == POS_DEMO_PACKED)
    return 1150;
  if (item->kind == POS_DEMO_WEIGHED)
    return item->prefix == 28 && item->item < 2000 ? 1190 : 280;
  return POS_QTY_ONE;
}

/* @qty as it can be ordered: whole pieces, or grams for weighed goods. */
PosQty
pos_demo_whole (const PosDemoItem *item, PosQty qty)
{
  if (item->kind == POS_DEMO_WEIGHED)
    return qty;
  return (qty + POS_QTY_ONE - 1) / POS_QTY_ONE * POS_QTY_ONE;
}

/*
 * Estimates what each item sells on an average day from its share of the
 * popularity, so that deliveries can keep up the way a shopkeeper who
 * knows their shop would order.
 */
void
pos_demo_estimate_demand (PosDemo *demo)
{
  guint64 all = 0, morning = 0;

  for (guint i = 0; i < demo->items->len; i++)
    {
      const PosDemoItem *item = &g_array_index (demo->items, PosDemoItem, i);
      all += item->popularity;
      morning += item->morning ? item->popularity : 0;
    }
  for (guint i = 0; i < demo->items->len && all > 0; i++)
    {
      PosDemoItem *item = &g_array_index (demo->items, PosDemoItem, i);
      guint64 lines_x1000 = LINES_PER_DAY * 1000 * (guint64)item->popularity / all;

      if (item->morning)
        lines_x1000 += MORNING_LINES_PER_DAY * 1000 * (guint64)item->popularity / morning;
      item->daily_qty = (PosQty)(lines_x1000 * (guint64)qty_per_line (item) / 1000);
    }
}

/* A recent sale that a customer might bring something back from. */
typedef struct
{
  char *receipt_no;
  PosQty first_line_qty;
} Recent;

#define N_RECENT 200

typedef struct
{
  PosDemo *demo;
  PosDemoRng *rng;
  PosCart *cart;
  PosDemoPicker all;     /* every item, by popularity */
  PosDemoPicker morning; /* items bought on the way to work */
  GArray *morning_items; /* guint: index in demo->items of each morning pick */
  PosDemoPicker regulars;
  Recent recent[N_RECENT];
  guint n_sales;
  guint card_reference;
} History;

/* One moment of a day: a customer paying, or one bringing something back. */
typedef struct
{
  gint64 us;
  gboolean refund;
} Moment;

static void
history_init (History *h, PosDemo *demo)
{
  h->demo = demo;
  h->rng = &demo->rng;
  h->cart = pos_cart_new (demo->store);
  pos_demo_picker_init (&h->all);
  pos_demo_picker_init (&h->morning);
  pos_demo_picker_init (&h->regulars);
  h->morning_items = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < demo->items->len; i++)
    {
      const PosDemoItem *item = &g_array_index (demo->items, PosDemoItem, i);

      pos_demo_picker_add (&h->all, item->popularity);
      if (item->morning)
        {
          pos_demo_picker_add (&h->morning, item->popularity);
          g_array_append_val (h->morning_items, i);
        }
    }
  /* A few regulars come every other day, most card holders now and then. */
  for (guint i = 0; i < demo->customers->len; i++)
    pos_demo_picker_add (&h->regulars, 1000 / (i + 5));
}

static void
history_clear (History *h)
{
  g_clear_object (&h->cart);
  pos_demo_picker_clear (&h->all);
  pos_demo_picker_clear (&h->morning);
  pos_demo_picker_clear (&h->regulars);
  g_clear_pointer (&h->morning_items, g_array_unref);
  for (guint i = 0; i < N_RECENT; i++)
    g_clear_pointer (&h->recent[i].receipt_no, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (History, history_clear)

/* ---- baskets ----------------------------------------------------------- */

static const PosDemoItem *
pick_item (History *h, guint minute)
{
  guint index;

  if (minute < 9 * 60 + 30 && h->morning_items->len > 0 && pos_demo_rng_chance (h->rng, 550))
    index = g_array_index (h->morning_items, guint, pos_demo_picker_pick (&h->morning, h->rng));
  else
    index = pos_demo_picker_pick (&h->all, h->rng);
  return &g_array_index (h->demo->items, PosDemoItem, index);
}

/* Grams on the scale: a bag of apples weighs more than a slice of ham. */
static gint64
weight_of (History *h, const PosDemoItem *item)
{
  if (item->prefix == 28 && item->item < 2000)
    return pos_demo_rng_between (h->rng, 180, 2200);
  return pos_demo_rng_between (h->rng, 80, 480);
}

/* Scans @item the way the cashier would: its code (with "3 ×" now and
 * then), a label from the scale, or a price label from the counter. */
static gboolean
scan (History *h, const PosDemoItem *item, GError **error)
{
  g_autofree char *label = NULL;

  switch (item->kind)
    {
      case POS_DEMO_WEIGHED:
        label = pos_demo_scale_label (h->demo, item, weight_of (h, item));
        return pos_cart_add_code (h->cart, label, error);
      case POS_DEMO_PRICE_LABEL:
        label = pos_demo_scale_label (h->demo, item,
                                      item->price * pos_demo_rng_between (h->rng, 80, 125) / 100);
        return pos_cart_add_code (h->cart, label, error);
      case POS_DEMO_PACKED:
      default:
        if (pos_demo_rng_chance (h->rng, 70))
          pos_cart_set_multiplier (h->cart, pos_demo_rng_between (h->rng, 2, 4) * POS_QTY_ONE);
        return pos_cart_add_code (h->cart, item->code, error);
    }
}

/* Lines in a basket: a roll and a paper on the way to work, the week's
 * shopping after it and on Saturdays. */
static guint
basket_size (History *h, guint minute, gboolean saturday)
{
  guint more = saturday ? 830 : minute < 9 * 60 + 30 ? 450 : minute >= 16 * 60 ? 800 : 650;
  guint n = 1;

  while (n < 30 && pos_demo_rng_chance (h->rng, more))
    n++;
  return n;
}

static gboolean
fill_cart (History *h, guint minute, gboolean saturday, GError **error)
{
  guint n = basket_size (h, minute, saturday);

  for (guint i = 0; i < n; i++)
    if (!scan (h, pick_item (h, minute), error))
      return FALSE;
  if (h->demo->customers->len > 0 && pos_demo_rng_chance (h->rng, 220))
    {
      guint who = pos_demo_picker_pick (&h->regulars, h->rng);
      return pos_cart_set_customer_id (h->cart, g_array_index (h->demo->customers, gint64, who), error);
    }
  return TRUE;
}

/* ---- paying ------------------------------------------------------------ */

/* What a customer hands over for @due: the exact amount now and then,
 * usually the smallest note or coin that covers it. */
static PosAmount
cash_handed (History *h, PosAmount due)
{
  const PosAmount *d = h->demo->currency->denominations;
  PosAmount largest = d[0];
  PosAmount best = 0;

  if (pos_demo_rng_chance (h->rng, 300))
    return due;
  for (guint i = 0; d[i] != 0; i++)
    if (d[i] >= due)
      best = d[i];
  return best != 0 ? best : (due + largest - 1) / largest * largest;
}

static PosTender
card (History *h, PosAmount amount, char *reference)
{
  g_snprintf (reference, 16, "TRM%06u", ++h->card_reference);
  return (PosTender){ POS_TENDER_CARD, amount, reference, 0 };
}

/* Points first when the customer has enough and wants to, then cash,
 * card, or a note and the rest on the card. */
static gsize
choose_tenders (History *h, PosTender *tenders, char *reference)
{
  PosStore *store = h->demo->store;
  PosAmount total = pos_cart_get_total (h->cart);
  gint64 customer = pos_cart_get_customer_id (h->cart);
  PosAmount step = h->demo->currency->cash_step;
  gsize n = 0;
  guint r = (guint)pos_demo_rng_below (h->rng, 1000);

  if (customer != 0 && r < 300 && total >= 100 && pos_loyalty_balance (store, customer) >= 200)
    {
      gint64 balance = pos_loyalty_balance (store, customer);
      gint64 points = MIN (balance, total) / 100 * 100;
      tenders[n++] = (PosTender){ POS_TENDER_POINTS, 0, NULL, points };
      total -= pos_loyalty_points_value (store, points);
      if (total <= 0)
        return n;
    }
  if (r < 450)
    tenders[n++]
        = (PosTender){ POS_TENDER_CASH, cash_handed (h, pos_amount_round_cash (total, step)), NULL, 0 };
  else if (r < 950 || total < 15 * h->demo->per_euro)
    tenders[n++] = card (h, total, reference);
  else
    {
      PosAmount note = h->demo->currency->denominations[0];
      for (guint i = 0; note * 2 > total; i++)
        note = h->demo->currency->denominations[i + 1];
      tenders[n++] = (PosTender){ POS_TENDER_CASH, note, NULL, 0 };
      tenders[n++] = card (h, total - note, reference);
    }
  return n;
}

static void
remember (History *h, const char *receipt_no, PosQty first_line_qty)
{
  Recent *slot = &h->recent[h->n_sales++ % N_RECENT];

  g_free (slot->receipt_no);
  slot->receipt_no = g_strdup (receipt_no);
  slot->first_line_qty = first_line_qty;
}

static gboolean
ring_up (History *h, const PosUser *cashier, const Moment *m, guint minute, gboolean saturday, GError **error)
{
  g_autoptr (PosSaleResult) result = NULL;
  PosTender tenders[3];
  char reference[16];
  gsize n;
  PosQty first;

  if (!fill_cart (h, minute, saturday, error))
    return FALSE;
  n = choose_tenders (h, tenders, reference);
  first = pos_cart_line_get_qty (pos_cart_get_line (h->cart, 0));
  pos_clock_set_fixed_for_testing (m->us);
  result = pos_checkout_commit (h->demo->store, h->cart, cashier, tenders, n, error);
  if (result == NULL)
    return FALSE;
  remember (h, result->receipt_no, first);
  return TRUE;
}

/* Something comes back: the whole receipt, or its first line. */
static gboolean
bring_back (History *h, const PosUser *supervisor, const Moment *m, GError **error)
{
  guint held = MIN (h->n_sales, N_RECENT);
  const Recent *sale;
  PosRefundLine line = { 1, 0 };
  g_autoptr (PosSaleResult) result = NULL;
  g_autoptr (GError) local = NULL;

  if (held == 0)
    return TRUE;
  sale = &h->recent[pos_demo_rng_below (h->rng, held)];
  line.qty = sale->first_line_qty;
  pos_clock_set_fixed_for_testing (m->us);
  result = pos_refund_commit (h->demo->store, sale->receipt_no, &line,
                              pos_demo_rng_chance (h->rng, 700) ? 1 : 0, supervisor, NULL, NULL, 0, &local);
  /* A receipt refunded before has nothing left to give back: no refund today. */
  if (result == NULL && !g_error_matches (local, POS_ERROR, POS_ERROR_REFUND_EXCEEDS))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
}

/* ---- shifts ------------------------------------------------------------ */

/* The float a shift starts with: 150 euros in the shop's currency. */
static PosAmount
opening_float (History *h)
{
  return pos_demo_price (h->demo, 15000, FALSE);
}

static gboolean
open_shift (History *h, const PosUser *cashier, gint64 us, GError **error)
{
  g_autoptr (PosShift) shift = NULL;

  pos_clock_set_fixed_for_testing (us);
  shift = pos_shift_open (h->demo->store, cashier, opening_float (h), error);
  return shift != NULL;
}

/* Counts @amount as notes and coins, largest first. */
static GArray *
count_cash (History *h, PosAmount amount)
{
  GArray *counted = g_array_new (FALSE, FALSE, sizeof (PosCashCount));

  for (const PosAmount *d = h->demo->currency->denominations; *d != 0; d++)
    if (amount >= *d)
      {
        PosCashCount c = { *d, amount / *d };
        g_array_append_val (counted, c);
        amount %= *d;
      }
  return counted;
}

/* Counts the drawer and closes the shift; one count in eight is a coin off. */
static gboolean
close_shift (History *h, const PosUser *user, gint64 us, GError **error)
{
  g_autoptr (PosShift) shift = pos_shift_current (h->demo->store, error);
  g_autoptr (GArray) counted = NULL;
  g_autoptr (JsonNode) summary = NULL;
  PosAmount expected, coin = opening_float (h) / 300;

  if (shift == NULL)
    return FALSE;
  pos_clock_set_fixed_for_testing (us);
  expected = pos_shift_expected_cash (h->demo->store, shift->id, error);
  if (pos_demo_rng_chance (h->rng, 125))
    {
      PosAmount off = pos_demo_rng_chance (h->rng, 600) ? -coin : coin;
      expected = MAX (0, expected + off);
    }
  counted = count_cash (h, expected);
  summary = pos_shift_close (h->demo->store, user, (PosCashCount *)counted->data, counted->len, error);
  return summary != NULL;
}

/* Now and then a supervisor pays for something out of the drawer. */
static gboolean
maybe_pay_out (History *h, const PosUser *supervisor, gint64 us, GError **error)
{
  static const char *const reasons[]
      = { "Window cleaner", "Postage", "Milk for the coffee machine", "Light bulbs for the back room" };

  if (supervisor->role < POS_ROLE_SUPERVISOR || !pos_demo_rng_chance (h->rng, 300))
    return TRUE;
  pos_clock_set_fixed_for_testing (us);
  return pos_shift_cash_move (h->demo->store, supervisor, NULL, "paid_out",
                              pos_demo_price (h->demo, pos_demo_rng_between (h->rng, 5, 25) * 100, FALSE),
                              reasons[pos_demo_rng_below (h->rng, G_N_ELEMENTS (reasons))], error);
}

/* The Z report of the day, by the supervisor or the owner. */
static gboolean
close_day (History *h, const PosUser *user, gint64 us, GError **error)
{
  g_autoptr (JsonNode) z = NULL;

  if (user->role < POS_ROLE_SUPERVISOR)
    user = h->demo->owner;
  pos_clock_set_fixed_for_testing (us);
  z = pos_report_z (h->demo->store, user, NULL, error);
  return z != NULL;
}

/* ---- days -------------------------------------------------------------- */

/* Days until the next delivery from supplier @s after @day. */
static gint64
days_to_next_delivery (const GDate *day, guint s)
{
  switch (g_date_get_weekday (day))
    {
      case G_DATE_MONDAY:
        return s == 0 ? 1 : 3;
      case G_DATE_THURSDAY:
        return s == 0 ? 1 : 4;
      case G_DATE_SATURDAY:
        return 2;
      default:
        return 1;
    }
}

/* What supplier @s brings for @item: enough to last until the next
 * delivery and a half again, when what is there would not. */
static PosQty
order_for (History *h, const PosDemoItem *item, gint64 days)
{
  PosQty level = pos_stock_level (h->demo->store, item->id);
  PosQty need = item->reorder_level + item->daily_qty * days;

  if (item->neglected || level > need)
    return 0;
  return pos_demo_whole (item, need + item->daily_qty * days / 2 - level)
         + pos_demo_rng_between (h->rng, 0, 2) * POS_QTY_ONE;
}

/* Deliveries before opening: the bakery every day, the others on Mondays
 * and Thursdays, each bringing what would not last until its next one. */
static gboolean
deliver (History *h, const GDate *day, GError **error)
{
  GDateWeekday weekday = g_date_get_weekday (day);
  gboolean big = weekday == G_DATE_MONDAY || weekday == G_DATE_THURSDAY;
  PosDemo *demo = h->demo;

  pos_clock_set_fixed_for_testing (pos_demo_local_us (day, 6 * 60 + 30, 0));
  for (guint s = 0; s < demo->suppliers->len; s++)
    {
      gint64 supplier = g_array_index (demo->suppliers, gint64, s);
      g_autoptr (GArray) lines = g_array_new (FALSE, FALSE, sizeof (PosStockItem));
      g_autofree char *note = NULL;

      if (s != 0 && !big)
        continue;
      for (guint i = 0; i < demo->items->len; i++)
        {
          const PosDemoItem *item = &g_array_index (demo->items, PosDemoItem, i);
          PosStockItem line = { item->id, 0, -1 };

          if (item->supplier_id == supplier
              && (line.qty = order_for (h, item, days_to_next_delivery (day, s))) > 0)
            g_array_append_val (lines, line);
        }
      note = g_strdup_printf ("DN-%u%02u%02u-%u", g_date_get_year (day), g_date_get_month (day),
                              g_date_get_day (day), s + 1);
      if (lines->len > 0
          && !pos_stock_receive (demo->store, demo->owner, supplier, note, (PosStockItem *)lines->data,
                                 lines->len, error))
        return FALSE;
    }
  return TRUE;
}

static int
compare_moments (gconstpointer a, gconstpointer b)
{
  const Moment *x = a, *y = b;

  return x->us < y->us ? -1 : x->us > y->us;
}

/* When today's customers come, in order, with now and then a refund. */
static GArray *
plan_day (History *h, const GDate *day)
{
  GDateWeekday weekday = g_date_get_weekday (day);
  gboolean saturday = weekday == G_DATE_SATURDAY;
  const guint *slots = saturday ? saturday_slots : weekday_slots;
  guint n_slots = saturday ? G_N_ELEMENTS (saturday_slots) : G_N_ELEMENTS (weekday_slots);
  guint opens = saturday ? SATURDAY_OPENS : WEEKDAY_OPENS;
  guint customers = day_customers[weekday] * (guint)pos_demo_rng_between (h->rng, 85, 115) / 100;
  GArray *moments = g_array_new (FALSE, FALSE, sizeof (Moment));
  PosDemoPicker picker;

  pos_demo_picker_init (&picker);
  for (guint i = 0; i < n_slots; i++)
    pos_demo_picker_add (&picker, slots[i]);
  for (guint i = 0; i < customers + 1; i++)
    {
      guint slot = pos_demo_picker_pick (&picker, h->rng);
      guint second = (guint)pos_demo_rng_below (h->rng, 30 * 60);
      Moment m = { pos_demo_local_us (day, opens + slot * 30 + second / 60, second % 60), FALSE };

      m.refund = i == customers;
      if (!m.refund || pos_demo_rng_chance (h->rng, 500))
        g_array_append_val (moments, m);
    }
  pos_demo_picker_clear (&picker);
  g_array_sort (moments, compare_moments);
  return moments;
}

/* Who is at the till: Casey in the mornings, Sam or Casey in the
 * afternoons, the owner herself on Saturdays. */
static const PosUser *
cashier_at (History *h, const GDate *day, guint minute)
{
  GDateWeekday weekday = g_date_get_weekday (day);

  if (weekday == G_DATE_SATURDAY)
    return h->demo->owner;
  if (minute >= 13 * 60 && weekday % 2 == 1)
    return h->demo->supervisor;
  return h->demo->cashier;
}

static guint
minute_of (const GDate *day, gint64 us)
{
  return (guint)((us - pos_demo_local_us (day, 0, 0)) / (60 * G_USEC_PER_SEC));
}

/* Hands the till over when the cashier changes (at one on weekdays). */
static gboolean
hand_over (History *h, const PosUser **at_till, const PosUser *next, const GDate *day, GError **error)
{
  gint64 one = pos_demo_local_us (day, 13 * 60, 0);

  if (*at_till == next)
    return TRUE;
  if (!close_shift (h, *at_till, one, error) || !open_shift (h, next, one + G_USEC_PER_SEC, error)
      || !maybe_pay_out (h, next, one + 2 * G_USEC_PER_SEC, error))
    return FALSE;
  *at_till = next;
  return TRUE;
}

static gboolean
run_moment (History *h, const GDate *day, const Moment *m, const PosUser **at_till, GError **error)
{
  gboolean saturday = g_date_get_weekday (day) == G_DATE_SATURDAY;
  guint minute = minute_of (day, m->us);

  if (!hand_over (h, at_till, cashier_at (h, day, minute), day, error))
    return FALSE;
  if (m->refund)
    return bring_back (h, (*at_till)->role >= POS_ROLE_SUPERVISOR ? *at_till : h->demo->supervisor, m, error);
  return ring_up (h, *at_till, m, minute, saturday, error);
}

static gboolean
run_day (History *h, const GDate *day, GError **error)
{
  gboolean saturday = g_date_get_weekday (day) == G_DATE_SATURDAY;
  guint opens = saturday ? SATURDAY_OPENS : WEEKDAY_OPENS;
  guint closes = saturday ? 14 * 60 : 19 * 60;
  const PosUser *at_till = cashier_at (h, day, opens);
  g_autoptr (GArray) moments = NULL;

  if (!deliver (h, day, error) || !open_shift (h, at_till, pos_demo_local_us (day, opens - 10, 0), error)
      || !maybe_pay_out (h, at_till, pos_demo_local_us (day, opens - 5, 0), error))
    return FALSE;
  moments = plan_day (h, day);
  for (guint i = 0; i < moments->len; i++)
    if (!run_moment (h, day, &g_array_index (moments, Moment, i), &at_till, error))
      return FALSE;
  return close_shift (h, at_till, pos_demo_local_us (day, closes + 5, 0), error)
         && close_day (h, at_till, pos_demo_local_us (day, closes + 10, 0), error);
}

/*
 * Rings up demo->options.days days of sales ending yesterday, Sundays
 * closed. Needs the catalog, users and customers made first.
 */
gboolean
pos_demo_history_run (PosDemo *demo, GError **error)
{
  g_auto (History) h = { 0 };
  GDate day = demo->first_day;

  if (demo->items->len == 0)
    return TRUE;
  history_init (&h, demo);
  for (; g_date_compare (&day, &demo->last_day) <= 0; g_date_add_days (&day, 1))
    if (g_date_get_weekday (&day) != G_DATE_SUNDAY && !run_day (&h, &day, error))
      return FALSE;
  return TRUE;
}
