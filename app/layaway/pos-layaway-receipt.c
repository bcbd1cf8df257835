/* pos-layaway-receipt.c — the slip a customer takes home for money paid towards a layaway. */
#include "pos-layaway.h"

#include <glib/gi18n-lib.h>

#include <stdio.h>

#include "pos-clock.h"
#include "pos-fiscal.h"
#include "pos-format.h"
#include "pos-i18n.h"
#include "pos-layaway-private.h"
#include "pos-shop.h"

typedef struct
{
  PosStore *store;
  PosReceipt *receipt;
  const PosCurrency *currency;
  const PosLayaway *layaway;
  const PosLayawayMove *move; /* the latest */
} Slip;

static char *
money (const Slip *s, PosAmount amount)
{
  return pos_amount_format (amount, s->currency);
}

static void
add_money (const Slip *s, PosTextStyle style, const char *label, PosAmount amount)
{
  g_autofree char *text = money (s, amount);

  pos_receipt_add_columns (s->receipt, style, label, text);
}

/* "28.11.2026 09:15" (de_DE) in the shop's local time and locale. */
static char *
local_time (const char *iso_utc, const char *locale)
{
  g_autoptr (GDateTime) utc = NULL, local = NULL;
  g_autofree char *date = NULL, *time = NULL;
  gint64 us = 0;

  if (!pos_clock_parse_iso (iso_utc, &us)
      || (utc = g_date_time_new_from_unix_utc (us / G_USEC_PER_SEC)) == NULL
      || (local = g_date_time_to_local (utc)) == NULL)
    return g_strdup (iso_utc);
  date = pos_date_format (local, locale);
  time = pos_time_format (local, locale);
  return g_strconcat (date, " ", time, NULL);
}

/* "27.12.2026" (de_DE) of the business day "2026-12-27". */
static char *
local_day (const char *day, const char *locale)
{
  int y = 0, m = 0, d = 0;
  g_autoptr (GDateTime) when = NULL;

  if (sscanf (day, "%4d-%2d-%2d", &y, &m, &d) != 3
      || (when = g_date_time_new_local (y, m, d, 12, 0, 0)) == NULL)
    return g_strdup (day);
  return pos_date_format (when, locale);
}

static void
add_head (const Slip *s)
{
  g_autofree char *name = pos_store_dup_setting (s->store, "shop_name");
  g_autofree char *address = pos_store_dup_setting (s->store, "shop_address");
  g_autofree char *when = local_time (s->move->created_at, pos_currency_get_locale (s->currency));

  pos_receipt_add_text (s->receipt, POS_TEXT_BOLD | POS_TEXT_DOUBLE_WIDTH | POS_TEXT_DOUBLE_HEIGHT,
                        POS_ALIGN_CENTER,
                        name && *name ? name : pos_shop_setting_find ("shop_name")->fallback);
  if (address != NULL && *address != '\0')
    pos_receipt_add_text (s->receipt, POS_TEXT_NORMAL, POS_ALIGN_CENTER, address);
  pos_receipt_add_feed (s->receipt, 1);
  pos_receipt_add_text (s->receipt,
                        POS_TEXT_BOLD | POS_TEXT_DOUBLE_WIDTH | POS_TEXT_DOUBLE_HEIGHT | POS_TEXT_INVERSE,
                        POS_ALIGN_CENTER, C_ ("receipt banner", "LAYAWAY"));
  pos_receipt_add_rule (s->receipt, '-');
  pos_receipt_add_columns (s->receipt, POS_TEXT_BOLD, C_ ("receipt", "Layaway"), s->layaway->number);
  pos_receipt_add_columns (s->receipt, POS_TEXT_NORMAL, C_ ("receipt", "Date"), when);
  pos_receipt_add_columns (s->receipt, POS_TEXT_NORMAL, C_ ("receipt", "Customer"),
                           s->layaway->customer_name);
  pos_receipt_add_columns (s->receipt, POS_TEXT_NORMAL, C_ ("receipt", "Till"), s->move->till_id);
  pos_receipt_add_rule (s->receipt, '-');
}

static void
add_goods (const Slip *s)
{
  for (guint i = 0; i < s->layaway->lines->len; i++)
    {
      PosLayawayLine *line = g_ptr_array_index (s->layaway->lines, i);
      g_autofree char *qty = pos_qty_to_string (line->qty);
      g_autofree char *label = g_strdup_printf ("%s × %s", qty, line->name);

      add_money (s, POS_TEXT_NORMAL, label, line->amount);
    }
  pos_receipt_add_rule (s->receipt, '-');
  add_money (s, POS_TEXT_BOLD, C_ ("receipt", "Goods reserved"), s->layaway->total);
}

static char *
method_label (const PosLayawayMove *m)
{
  if (g_strcmp0 (m->method, "card") == 0)
    return m->reference ? g_strdup_printf (_ ("Card (ref %s)"), m->reference)
                        : g_strdup (C_ ("tender", "Card"));
  if (g_strcmp0 (m->method, "voucher") == 0)
    return g_strdup_printf (_ ("Gift card %s"), m->reference ? m->reference : "");
  if (g_strcmp0 (m->method, "points") == 0)
    return g_strdup_printf (_ ("Points (%lld)"),
                            (long long)g_ascii_strtoll (m->reference ? m->reference : "0", NULL, 10));
  return g_strdup (C_ ("tender", "Cash"));
}

/* What this slip is for, then where the layaway stands. */
static void
add_money_moved (const Slip *s)
{
  const PosLayaway *l = s->layaway;
  g_autofree char *method = method_label (s->move);
  g_autofree char *until = local_day (l->expires_on, pos_currency_get_locale (s->currency));
  gboolean first = s->move == g_ptr_array_index (l->moves, 0);

  if (s->move->kind == POS_LAYAWAY_CANCEL)
    {
      pos_receipt_add_text (s->receipt, POS_TEXT_BOLD, POS_ALIGN_CENTER, _ ("Layaway cancelled"));
      add_money (s, POS_TEXT_NORMAL, C_ ("receipt", "Paid"), l->paid);
      add_money (s, POS_TEXT_BOLD, C_ ("receipt", "Given back"), l->given_back);
      if (l->given_back > 0)
        pos_receipt_add_columns (s->receipt, POS_TEXT_NORMAL, C_ ("receipt", "Paid by"), method);
      add_money (s, POS_TEXT_NORMAL, C_ ("receipt", "Fee kept"), l->paid - l->given_back);
      return;
    }
  add_money (s, POS_TEXT_BOLD, first ? C_ ("receipt", "Deposit") : C_ ("receipt", "Payment"),
             s->move->amount);
  pos_receipt_add_columns (s->receipt, POS_TEXT_NORMAL, C_ ("receipt", "Paid by"), method);
  add_money (s, POS_TEXT_NORMAL, C_ ("receipt", "Paid so far"), l->paid);
  add_money (s, POS_TEXT_BOLD | POS_TEXT_DOUBLE_HEIGHT, C_ ("receipt", "Still due"), pos_layaway_due (l));
  pos_receipt_add_columns (s->receipt, POS_TEXT_NORMAL, C_ ("receipt", "Collect by"), until);
}

PosReceipt *
pos_layaway_receipt_build (PosStore *store, const char *number, GError **error)
{
  g_autoptr (PosLayaway) l = NULL;
  g_autoptr (PosReceipt) receipt = NULL;
  g_auto (PosLanguageScope) scope = { 0 };
  g_autofree char *language = NULL;
  Slip s = { store, NULL, pos_shop_currency (store), NULL, NULL };

  g_return_val_if_fail (store != NULL && number != NULL, NULL);

  if ((l = pos_layaway_get (store, number, error)) == NULL)
    return NULL;
  /* the last move with money: a collect is printed on the sale's own receipt */
  for (guint i = l->moves->len; i > 0 && s.move == NULL; i--)
    if (((PosLayawayMove *)g_ptr_array_index (l->moves, i - 1))->kind != POS_LAYAWAY_COLLECT)
      s.move = g_ptr_array_index (l->moves, i - 1);
  if (s.move == NULL)
    return g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("Nothing was paid towards layaway %s"),
                        number),
           NULL;
  /* The slip speaks the shop's language, whoever is signed in. */
  language = pos_shop_language (store);
  pos_language_scope_enter (&scope, language);
  s.receipt = receipt = pos_receipt_new ();
  s.layaway = l;
  add_head (&s);
  add_goods (&s);
  pos_receipt_add_rule (receipt, '-');
  add_money_moved (&s);
  pos_receipt_add_feed (receipt, 1);
  if (s.move->kind != POS_LAYAWAY_CANCEL)
    pos_receipt_add_text (receipt, POS_TEXT_NORMAL, POS_ALIGN_CENTER,
                          _ ("Not a sales receipt: the goods are sold when collected."));
  if (!pos_fiscal_add_money_move_lines (store, POS_LAYAWAY_MOVED, s.move->id, receipt, error)
      || !pos_receipt_add_barcode (receipt, POS_ALIGN_CENTER, l->number, 0, error))
    return NULL;
  pos_receipt_add_cut (receipt, POS_CUT_PARTIAL);
  return g_steal_pointer (&receipt);
}
