/* pos-account-receipt.c — the slip a customer takes home for money paid into their account. */
#include "pos-account.h"

#include <glib/gi18n-lib.h>

#include "pos-account-private.h"
#include "pos-fiscal.h"
#include "pos-format.h"
#include "pos-i18n.h"
#include "pos-shop.h"
#include "pos-slip.h"

typedef struct
{
  PosReceipt *receipt;
  const PosCurrency *currency;
  const PosAccount *account;
  const PosAccountMove *move;
  PosAmount owed_after; /* the balance once this move was made */
} Slip;

static gboolean
is_money_in (const PosAccountMove *m)
{
  return m->kind == POS_ACCOUNT_PAYMENT || m->kind == POS_ACCOUNT_DEPOSIT;
}

/* The move @move_id (0: the latest payment or deposit) among @moves
 * (oldest first), and the balance right after it. */
static const PosAccountMove *
find_move (GPtrArray *moves, gint64 move_id, PosAmount *owed_after)
{
  const PosAccountMove *found = NULL;
  PosAmount balance = 0, at_found = 0;

  for (guint i = 0; i < moves->len; i++)
    {
      const PosAccountMove *m = g_ptr_array_index (moves, i);

      /* stored amounts are checked when written; the sum stays in range */
      balance += m->amount;
      if (move_id != 0 ? m->id == move_id : is_money_in (m))
        found = m, at_found = balance;
    }
  *owed_after = at_found;
  return found != NULL && is_money_in (found) ? found : NULL;
}

static void
add_head (const Slip *s)
{
  const PosAccount *a = s->account;
  g_autofree char *when = pos_slip_local_time (s->move->created_at, pos_currency_get_locale (s->currency));

  pos_receipt_add_text (s->receipt, POS_TEXT_BOLD, POS_ALIGN_CENTER,
                        s->move->kind == POS_ACCOUNT_DEPOSIT ? _ ("Account deposit") : _ ("Account payment"));
  pos_receipt_add_columns (s->receipt, POS_TEXT_NORMAL, C_ ("receipt", "Customer"),
                           a->customer_name ? a->customer_name : "");
  if (a->card_code != NULL)
    pos_receipt_add_columns (s->receipt, POS_TEXT_NORMAL, C_ ("receipt", "Card"), a->card_code);
  pos_receipt_add_columns (s->receipt, POS_TEXT_NORMAL, C_ ("receipt", "Date"), when);
  pos_receipt_add_columns (s->receipt, POS_TEXT_NORMAL, C_ ("receipt", "Till"), s->move->till_id);
  pos_receipt_add_rule (s->receipt, '-');
}

/* What was paid and how, then where the account stands. */
static void
add_money_moved (const Slip *s)
{
  g_autofree char *method = pos_slip_method_label (s->move->method, s->move->reference);

  pos_slip_add_money (s->receipt, s->currency, POS_TEXT_BOLD,
                      s->move->kind == POS_ACCOUNT_DEPOSIT ? C_ ("receipt", "Deposit")
                                                           : C_ ("receipt", "Payment"),
                      -s->move->amount);
  pos_receipt_add_columns (s->receipt, POS_TEXT_NORMAL, C_ ("receipt", "Paid by"), method);
  if (s->owed_after < 0)
    pos_slip_add_money (s->receipt, s->currency, POS_TEXT_BOLD | POS_TEXT_DOUBLE_HEIGHT,
                        C_ ("receipt", "In credit"), -s->owed_after);
  else
    pos_slip_add_money (s->receipt, s->currency, POS_TEXT_BOLD | POS_TEXT_DOUBLE_HEIGHT,
                        C_ ("receipt", "Still owed"), s->owed_after);
}

PosReceipt *
pos_account_receipt_build (PosStore *store, gint64 customer_id, gint64 move_id, GError **error)
{
  g_autoptr (PosAccount) a = NULL;
  g_autoptr (GPtrArray) moves = NULL;
  g_autoptr (PosReceipt) receipt = NULL;
  g_auto (PosLanguageScope) scope = { 0 };
  g_autofree char *language = NULL;
  Slip s = { NULL, pos_shop_currency (store), NULL, NULL, 0 };

  g_return_val_if_fail (store != NULL, NULL);

  if ((a = pos_account_get (store, customer_id, error)) == NULL
      || (moves = pos_account_moves (store, customer_id, NULL, NULL, NULL, error)) == NULL)
    return NULL;
  if ((s.move = find_move (moves, move_id, &s.owed_after)) == NULL)
    return g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("Nothing was paid into the account of %s"),
                        a->customer_name ? a->customer_name : ""),
           NULL;
  /* The slip speaks the shop's language, whoever is signed in. */
  language = pos_shop_language (store);
  pos_language_scope_enter (&scope, language);
  s.receipt = receipt = pos_receipt_new ();
  s.account = a;
  pos_slip_add_shop (store, receipt, C_ ("receipt banner", "ACCOUNT"));
  add_head (&s);
  add_money_moved (&s);
  pos_receipt_add_feed (receipt, 1);
  pos_receipt_add_text (receipt, POS_TEXT_NORMAL, POS_ALIGN_CENTER,
                        _ ("Not a sales receipt: the goods were receipted when sold on account."));
  if (!pos_fiscal_add_money_move_lines (store, POS_ACCOUNT_MOVED, s.move->id, receipt, error))
    return NULL;
  pos_receipt_add_cut (receipt, POS_CUT_PARTIAL);
  return g_steal_pointer (&receipt);
}
