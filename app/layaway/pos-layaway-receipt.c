/* pos-layaway-receipt.c — the slip a customer takes home for money paid towards a layaway. */
#include "pos-layaway.h"

#include <glib/gi18n-lib.h>

#include <stdio.h>

#include "pos-fiscal.h"
#include "pos-format.h"
#include "pos-i18n.h"
#include "pos-layaway-private.h"
#include "pos-shop.h"
#include "pos-slip.h"

typedef struct
{
  PosStore *store;
  PosReceipt *receipt;
  const PosCurrency *currency;
  const PosLayaway *layaway;
  const PosLayawayMove *move; /* the latest */
} Slip;

static void
add_money (const Slip *s, PosTextStyle style, const char *label, PosAmount amount)
{
  pos_slip_add_money (s->receipt, s->currency, style, label, amount);
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
  g_autofree char *when = pos_slip_local_time (s->move->created_at, pos_currency_get_locale (s->currency));

  pos_slip_add_shop (s->store, s->receipt, C_ ("receipt banner", "LAYAWAY"));
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

/* What this slip is for, then where the layaway stands. */
static void
add_money_moved (const Slip *s)
{
  const PosLayaway *l = s->layaway;
  g_autofree char *method = pos_slip_method_label (s->move->method, s->move->reference);
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
