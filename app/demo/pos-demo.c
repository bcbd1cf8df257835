/* pos-demo.c — a shop to try Mainstreet with (see pos-demo.h): settings,
 * tax rates, users, customers and opening stock, then the catalog and the
 * sales history from pos-demo-catalog.c, pos-demo-history.c and, for big
 * benchmark stores, pos-demo-bulk.c.
 */
#include "pos-demo.h"

#include <glib/gi18n-lib.h>

#include "pos-clock.h"
#include "pos-customer.h"
#include "pos-demo-private.h"
#include "pos-loyalty.h"
#include "pos-shop.h"
#include "pos-stock.h"
#include "pos-store-private.h"
#include "pos-tax-rate.h"

/* ---- random numbers ---------------------------------------------------- */

void
pos_demo_rng_init (PosDemoRng *rng, guint64 seed, guint64 stream)
{
  rng->state = seed ^ (stream * G_GUINT64_CONSTANT (0xD1B54A32D192ED03));
}

guint64
pos_demo_rng_next (PosDemoRng *rng)
{
  guint64 z = (rng->state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

/* The modulo's bias is below 2^-40 for the ranges used here. */
guint64
pos_demo_rng_below (PosDemoRng *rng, guint64 n)
{
  g_assert (n > 0);
  return pos_demo_rng_next (rng) % n;
}

gint64
pos_demo_rng_between (PosDemoRng *rng, gint64 lo, gint64 hi)
{
  g_assert (lo <= hi);
  return lo + (gint64)pos_demo_rng_below (rng, (guint64)(hi - lo) + 1);
}

gboolean
pos_demo_rng_chance (PosDemoRng *rng, guint per_mille)
{
  return pos_demo_rng_below (rng, 1000) < per_mille;
}

void
pos_demo_rng_shuffle (PosDemoRng *rng, guint *values, guint n)
{
  for (guint i = n; i > 1; i--)
    {
      guint j = (guint)pos_demo_rng_below (rng, i);
      guint t = values[i - 1];
      values[i - 1] = values[j];
      values[j] = t;
    }
}

void
pos_demo_picker_init (PosDemoPicker *picker)
{
  picker->sums = g_array_new (FALSE, FALSE, sizeof (guint64));
}

void
pos_demo_picker_add (PosDemoPicker *picker, guint64 weight)
{
  guint64 sum = picker->sums->len ? g_array_index (picker->sums, guint64, picker->sums->len - 1) : 0;

  sum += weight;
  g_array_append_val (picker->sums, sum);
}

/* The index of a random item, each as likely as its weight. */
guint
pos_demo_picker_pick (const PosDemoPicker *picker, PosDemoRng *rng)
{
  const guint64 *sums = (const guint64 *)picker->sums->data;
  guint lo = 0, hi = picker->sums->len - 1;
  guint64 x;

  g_assert (picker->sums->len > 0 && sums[hi] > 0);
  x = pos_demo_rng_below (rng, sums[hi]);
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (sums[mid] > x)
        hi = mid;
      else
        lo = mid + 1;
    }
  return lo;
}

void
pos_demo_picker_clear (PosDemoPicker *picker)
{
  g_clear_pointer (&picker->sums, g_array_unref);
}

/* ---- money and time ---------------------------------------------------- */

/* Tax rates and price levels by currency: the word lists are in euro cents. */
typedef struct
{
  const char *code;
  gint64 per_euro; /* minor units one euro of the word lists becomes */
  gint64 rate_bp[3];
} DemoMoney;

static const DemoMoney moneys[] = {
  { "EUR", 100, { 1900, 700, 0 } },     { "USD", 110, { 800, 200, 0 } },
  { "GBP", 86, { 2000, 500, 0 } },      { "CHF", 96, { 810, 260, 0 } },
  { "SEK", 1150, { 2500, 1200, 600 } }, { "NOK", 1170, { 2500, 1500, 1200 } },
  { "DKK", 745, { 2500, 2500, 0 } },    { "PLN", 430, { 2300, 800, 500 } },
  { "CAD", 150, { 1300, 500, 0 } },     { "AUD", 165, { 1000, 0, 0 } },
  { "JPY", 160, { 1000, 800, 0 } },
};

static const DemoMoney *
money_for (const PosCurrency *currency)
{
  for (guint i = 0; i < G_N_ELEMENTS (moneys); i++)
    if (g_ascii_strcasecmp (moneys[i].code, currency->code) == 0)
      return &moneys[i];
  return &moneys[0];
}

/* A word-list price in the shop's currency, ending in 9 as shop prices do
 * (whole tens where there are no minor units). */
PosAmount
pos_demo_price (PosDemo *demo, gint64 euro_cents, gboolean charm)
{
  PosAmount price = 0;

  pos_amount_mul_div (euro_cents, demo->per_euro, 100, &price, NULL);
  if (!charm)
    return price;
  if (demo->currency->exponent == 0)
    return MAX (10, (price + 5) / 10 * 10);
  if (price >= 50)
    price = price - price % 10 + 9;
  return price;
}

/* The moment @minute_of_day:@second of @day, local time, in µs. */
gint64
pos_demo_local_us (const GDate *day, guint minute_of_day, guint second)
{
  g_autoptr (GDateTime) dt
      = g_date_time_new_local (g_date_get_year (day), g_date_get_month (day), g_date_get_day (day),
                               (int)(minute_of_day / 60), (int)(minute_of_day % 60), second);

  g_assert (dt != NULL);
  return g_date_time_to_unix (dt) * G_USEC_PER_SEC;
}

static void
local_date (gint64 us, GDate *date)
{
  g_autoptr (GDateTime) dt = g_date_time_new_from_unix_local (us / G_USEC_PER_SEC);

  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay)g_date_time_get_day_of_month (dt), (GDateMonth)g_date_time_get_month (dt),
                  (GDateYear)g_date_time_get_year (dt));
}

/* ---- the shop ---------------------------------------------------------- */

static gboolean
set_if_unset (PosStore *store, const char *key, const char *value, GError **error)
{
  g_autofree char *current = pos_store_dup_setting (store, key);

  if (current != NULL && *current != '\0')
    return TRUE;
  return pos_store_set_setting (store, key, value, error);
}

/* The shop's settings; a currency or till id chosen before (`init
 * --currency`, `--till`) is kept. */
static gboolean
setup_settings (PosDemo *demo, GError **error)
{
  static const char *const settings[][2] = {
    { "shop_name", "Corner Shop Mainstreet" },
    { "shop_address", "Hauptstraße 12, 79098 Freiburg im Breisgau" },
    { "shop_tax_id", "DE299123456" },
    { "receipt_header", "Open Mon–Fri 7–19, Sat 8–14" },
    { "receipt_footer", "Thank you for shopping local!" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
    if (!pos_store_set_setting (demo->store, settings[i][0], settings[i][1], error))
      return FALSE;
  g_autofree char *currency = NULL;

  if (!set_if_unset (demo->store, "currency", "EUR", error)
      || !set_if_unset (demo->store, "till_id", "T1", error))
    return FALSE;
  /* The demo is a shop in Freiburg: in euros it writes amounts and prints
   * receipts the German way ("6,35 €", "SUMME"), as a real one there would.
   * A locale or language chosen at setup is kept; in another currency the
   * currency's own locale and the till's language stay. */
  currency = pos_store_dup_setting (demo->store, "currency");
  if (g_strcmp0 (currency, "EUR") != 0)
    return TRUE;
  return set_if_unset (demo->store, "locale", "de_DE", error)
         && set_if_unset (demo->store, "language", "de", error);
}

/* What the catalog's prices and codes depend on: the shop's currency and
 * barcode layouts. */
static void
load_shop (PosDemo *demo)
{
  demo->currency = pos_shop_currency (demo->store);
  demo->per_euro = money_for (demo->currency)->per_euro;
  demo->layouts = pos_shop_barcode_layouts (demo->store);
  pos_barcode_layouts_set_currency_exponent (demo->layouts, (guint)demo->currency->exponent);
  demo->till_id = pos_store_dup_setting (demo->store, "till_id");
}

/* A, B and C at the currency's rates; codes that exist already are kept. */
static gboolean
setup_tax_rates (PosDemo *demo, GError **error)
{
  static const char *const codes[] = { "A", "B", "C" };
  static const char *const names[] = { "Standard", "Reduced", "Zero" };
  const DemoMoney *money = money_for (demo->currency);

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    if (pos_tax_rate_insert (demo->store, codes[i], names[i], money->rate_bp[i], TRUE, error) == 0)
      return FALSE;
  return TRUE;
}

/* The user @name, added with @role and @pin unless `init` made them already. */
static PosUser *
user_named (PosStore *store, const char *name, PosRole role, const char *pin, GError **error)
{
  PosUser *user = pos_users_lookup (store, name, NULL);

  return user != NULL ? user : pos_users_add (store, name, role, pin, error);
}

static gboolean
setup_users (PosDemo *demo, GError **error)
{
  demo->owner = user_named (demo->store, "olivia", POS_ROLE_OWNER, "4321", error);
  if (demo->owner == NULL)
    return FALSE;
  demo->supervisor = user_named (demo->store, "sam", POS_ROLE_SUPERVISOR, "2580", error);
  if (demo->supervisor == NULL)
    return FALSE;
  demo->cashier = user_named (demo->store, "casey", POS_ROLE_CASHIER, "1234", error);
  return demo->cashier != NULL;
}

static gboolean
add_customer (PosDemo *demo, PosDemoRng *rng, guint n, GError **error)
{
  static const char *const first[]
      = { "Anna",  "Ben", "Clara", "David",  "Emma",  "Felix", "Greta", "Hannes", "Ida",  "Jonas", "Katrin",
          "Lukas", "Mia", "Noah",  "Olga",   "Paul",  "Rosa",  "Simon", "Tara",   "Uwe",  "Vera",  "Wim",
          "Yara",  "Zoe", "Aylin", "Mehmet", "Sofia", "Luca",  "Nina",  "Karl",   "Elif", "Marta" };
  static const char *const last[]
      = { "Müller",   "Schmidt",    "Schneider", "Fischer",  "Weber", "Meyer",  "Wagner",  "Becker",
          "Hoffmann", "Schulz",     "Koch",      "Richter",  "Klein", "Wolf",   "Neumann", "Schwarz",
          "Braun",    "Zimmermann", "Krüger",    "Hartmann", "Lange", "Yilmaz", "Kaya",    "Rossi" };
  const char *f = first[pos_demo_rng_below (rng, G_N_ELEMENTS (first))];
  const char *l = last[pos_demo_rng_below (rng, G_N_ELEMENTS (last))];
  g_autofree char *card = g_strdup_printf ("MS%06u", 100001 + n);
  g_autofree char *name = g_strdup_printf ("%s %s", f, l);
  g_autofree char *phone = g_strdup_printf ("+49 761 %06u", (guint)pos_demo_rng_below (rng, 1000000));
  g_autofree char *email = g_strdup_printf ("%s.%s%u@example.org", f, l, n);
  PosCustomer draft = { .card_code = card, .name = name, .consent = pos_demo_rng_chance (rng, 500) };
  g_autoptr (PosCustomer) saved = NULL;

  if (pos_demo_rng_chance (rng, 600))
    draft.phone = phone;
  if (pos_demo_rng_chance (rng, 400))
    draft.email = g_ascii_strdown (email, -1);
  saved = pos_customer_add (demo->store, demo->owner, &draft, error);
  g_free (draft.email);
  if (saved == NULL)
    return FALSE;
  g_array_append_val (demo->customers, saved->id);
  if (pos_demo_rng_chance (rng, 300))
    return pos_loyalty_adjust (demo->store, demo->owner, NULL, saved->id, 500, "Welcome bonus", error);
  return TRUE;
}

/* Loyalty card holders: about one in ten of the regulars. */
static gboolean
setup_customers (PosDemo *demo, GError **error)
{
  PosDemoRng rng;

  pos_demo_rng_init (&rng, demo->options.seed, 3);
  for (guint n = 0; n < 120; n++)
    if (!add_customer (demo, &rng, n, error))
      return FALSE;
  return TRUE;
}

/* The first delivery: a week's worth of each product on top of its
 * reorder level; neglected products get barely more than their level. */
static PosQty
opening_qty (PosDemoRng *rng, const PosDemoItem *item)
{
  PosQty extra = pos_demo_rng_between (rng, 1, 4) * (item->kind == POS_DEMO_WEIGHED ? 250 : POS_QTY_ONE);

  if (item->neglected)
    return item->reorder_level + extra;
  return pos_demo_whole (item, item->reorder_level + item->daily_qty * 7) + extra;
}

/* One delivery per supplier (and one for the goods without) the evening
 * before the shop opens. */
static gboolean
setup_stock (PosDemo *demo, GError **error)
{
  PosDemoRng rng;

  pos_demo_rng_init (&rng, demo->options.seed, 4);
  pos_demo_estimate_demand (demo);
  for (guint s = 0; s <= demo->suppliers->len; s++)
    {
      gint64 supplier = s < demo->suppliers->len ? g_array_index (demo->suppliers, gint64, s) : 0;
      g_autoptr (GArray) lines = g_array_new (FALSE, FALSE, sizeof (PosStockItem));

      for (guint i = 0; i < demo->items->len; i++)
        {
          const PosDemoItem *item = &g_array_index (demo->items, PosDemoItem, i);
          PosStockItem line = { item->id, opening_qty (&rng, item), -1 };

          if (item->supplier_id == supplier)
            g_array_append_val (lines, line);
        }
      if (lines->len > 0
          && !pos_stock_receive (demo->store, demo->owner, supplier, "Opening stock",
                                 (PosStockItem *)lines->data, lines->len, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- populate ---------------------------------------------------------- */

static void
demo_clear (PosDemo *demo)
{
  if (demo->items != NULL)
    g_array_set_clear_func (demo->items, (GDestroyNotify)pos_demo_item_clear);
  g_clear_pointer (&demo->items, g_array_unref);
  g_clear_pointer (&demo->codes, g_hash_table_unref);
  g_clear_pointer (&demo->suppliers, g_array_unref);
  g_clear_pointer (&demo->customers, g_array_unref);
  g_clear_pointer (&demo->layouts, pos_barcode_layouts_free);
  g_clear_pointer (&demo->till_id, g_free);
  g_clear_pointer (&demo->owner, pos_user_free);
  g_clear_pointer (&demo->supervisor, pos_user_free);
  g_clear_pointer (&demo->cashier, pos_user_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PosDemo, demo_clear)

static gboolean
check_options (const PosDemoOptions *o, GError **error)
{
  if (o->days > POS_DEMO_MAX_DAYS)
    g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("A demo history is at most %d days"),
                 POS_DEMO_MAX_DAYS);
  else if (o->products > POS_DEMO_MAX_PRODUCTS)
    g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("A demo shop has at most %d products"),
                 POS_DEMO_MAX_PRODUCTS);
  else if (o->sale_lines < 0 || o->sale_lines > POS_DEMO_MAX_SALE_LINES)
    g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("Sale lines must be between 0 and %lld"),
                 (long long)POS_DEMO_MAX_SALE_LINES);
  else
    return TRUE;
  return FALSE;
}

static gboolean
check_empty (PosStore *store, GError **error)
{
  static const char sql[] = "SELECT EXISTS (SELECT 1 FROM product) OR EXISTS (SELECT 1 FROM sale)";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);

  if (stmt == NULL || pos_store_step_row (store, stmt, error) != SQLITE_ROW)
    return FALSE;
  if (sqlite3_column_int (stmt, 0) == 0)
    return TRUE;
  g_set_error (error, POS_ERROR, POS_ERROR_STATE,
               _ ("The store already has products or sales: a demo shop needs a new, empty store"));
  return FALSE;
}

static void
demo_init (PosDemo *demo, PosStore *store, const PosDemoOptions *options)
{
  demo->store = store;
  demo->options = *options;
  if (demo->options.days == 0)
    demo->options.days = POS_DEMO_DEFAULT_DAYS;
  pos_demo_rng_init (&demo->rng, demo->options.seed, 2);
  demo->items = g_array_new (FALSE, TRUE, sizeof (PosDemoItem));
  demo->codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  demo->suppliers = g_array_new (FALSE, FALSE, sizeof (gint64));
  demo->customers = g_array_new (FALSE, FALSE, sizeof (gint64));

  local_date (pos_clock_now_us (), &demo->last_day);
  g_date_subtract_days (&demo->last_day, 1);
  demo->first_day = demo->last_day;
  g_date_subtract_days (&demo->first_day, demo->options.days - 1);
}

/* The one source of the demo catalog, for the demo shop and for a new
 * shop that starts with it: tax rates A, B and C (codes the shop has
 * already are kept), then categories, suppliers, products and barcodes. */
static gboolean
add_catalog (PosDemo *demo, GError **error)
{
  if (!setup_tax_rates (demo, error))
    return FALSE;
  return demo->options.products > 0 ? pos_demo_bulk_catalog (demo, demo->options.products, error)
                                    : pos_demo_catalog_build (demo, error);
}

/* The shop as it was the evening before the history starts. */
static gboolean
setup_shop (PosDemo *demo, GError **error)
{
  GDate eve = demo->first_day;

  g_date_subtract_days (&eve, 1);
  pos_clock_set_fixed_for_testing (pos_demo_local_us (&eve, 17 * 60, 0));
  if (!setup_settings (demo, error))
    return FALSE;
  load_shop (demo);
  if (!setup_users (demo, error) || !add_catalog (demo, error))
    return FALSE;
  pos_clock_set_fixed_for_testing (pos_demo_local_us (&eve, 18 * 60, 0));
  if (!setup_customers (demo, error))
    return FALSE;
  pos_clock_set_fixed_for_testing (pos_demo_local_us (&eve, 19 * 60, 0));
  return demo->options.products > 0 || setup_stock (demo, error);
}

gboolean
pos_demo_populate (PosStore *store, const PosDemoOptions *options, GError **error)
{
  static const PosDemoOptions defaults = { 0 };
  g_auto (PosDemo) demo = { 0 };
  gboolean ok;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options == NULL)
    options = &defaults;
  if (!check_options (options, error) || !check_empty (store, error))
    return FALSE;
  demo_init (&demo, store, options);

  /* Every sale commits on its own, as at the till; made up in bulk, they
   * need not each wait for the disk. The checkpoint at the end does. */
  if (!pos_store_exec (store, "PRAGMA synchronous = OFF", error))
    return FALSE;
  ok = setup_shop (&demo, error)
       && (options->sale_lines > 0 ? pos_demo_bulk_history (&demo, options->sale_lines, error)
                                   : pos_demo_history_run (&demo, error));
  pos_clock_set_fixed_for_testing (0);
  if (!pos_store_exec (store, "PRAGMA synchronous = FULL", ok ? error : NULL))
    ok = FALSE;
  if (ok && !pos_store_exec (store, "PRAGMA wal_checkpoint (TRUNCATE)", error))
    ok = FALSE;
  return ok;
}

gboolean
pos_demo_add_catalog (PosStore *store, GError **error)
{
  static const PosDemoOptions defaults = { 0 };
  g_auto (PosDemo) demo = { 0 };

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_empty (store, error))
    return FALSE;
  demo_init (&demo, store, &defaults);
  load_shop (&demo);
  return add_catalog (&demo, error);
}
