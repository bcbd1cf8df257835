/* pos-training-receipt.c — the printed receipt of a training sale (see
 * pos-training.h). Built from the sale's journal event alone, since a
 * training sale has no rows of its own; TRAINING stands at its top and
 * bottom so it can never pass for a customer's receipt. */
#include "pos-training.h"

#include "pos-i18n.h"

#include "pos-catalog.h"
#include "pos-clock.h"
#include "pos-fiscal.h"
#include "pos-format.h"
#include "pos-json.h"
#include "pos-shop.h"
#include "pos-store-private.h"

#include <string.h>

typedef struct
{
  PosReceipt *receipt;
  const PosCurrency *currency;
  JsonObject *sale;
} Builder;

static JsonNode *
load_event (PosStore *store, const char *receipt_no, GError **error)
{
  static const char sql[] = "SELECT payload FROM journal WHERE till_id = ?1 AND type = 'training.sale' "
                            "AND json_extract (payload, '$.receipt_no') = ?2";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  g_autofree char *till_id = g_strndup (receipt_no, strrchr (receipt_no, '-') - receipt_no);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, till_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, receipt_no, -1, SQLITE_STATIC);
  rc = pos_store_step_row (store, stmt, error);
  if (rc == SQLITE_DONE)
    g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("There is no receipt %s"), receipt_no);
  return rc == SQLITE_ROW ? pos_json_parse ((const char *)sqlite3_column_text (stmt, 0), error) : NULL;
}

static void
add_banner (Builder *b)
{
  pos_receipt_add_text (b->receipt,
                        POS_TEXT_BOLD | POS_TEXT_DOUBLE_WIDTH | POS_TEXT_DOUBLE_HEIGHT | POS_TEXT_INVERSE,
                        POS_ALIGN_CENTER, C_ ("receipt banner", "TRAINING"));
}

static void
add_money (Builder *b, PosTextStyle style, const char *label, PosAmount amount)
{
  g_autofree char *text = pos_amount_format (amount, b->currency);

  pos_receipt_add_columns (b->receipt, style, label, text);
}

static void
add_head (Builder *b, PosStore *store)
{
  g_autofree char *name = pos_store_dup_setting (store, "shop_name");
  const char *created_at = pos_json_get_string (b->sale, "created_at");
  g_autoptr (GDateTime) when = NULL;
  g_autofree char *date = NULL, *time = NULL, *stamp = NULL;
  gint64 us = 0;

  add_banner (b);
  pos_receipt_add_text (b->receipt, POS_TEXT_BOLD | POS_TEXT_DOUBLE_WIDTH | POS_TEXT_DOUBLE_HEIGHT,
                        POS_ALIGN_CENTER,
                        name && *name ? name : pos_shop_setting_find ("shop_name")->fallback);
  pos_receipt_add_text (b->receipt, POS_TEXT_BOLD, POS_ALIGN_CENTER,
                        _ ("Training sale: no sale was made and nothing was paid"));
  pos_receipt_add_rule (b->receipt, '-');
  pos_receipt_add_columns (b->receipt, POS_TEXT_BOLD, C_ ("receipt", "Receipt"),
                           pos_json_get_string (b->sale, "receipt_no"));
  if (created_at != NULL && pos_clock_parse_iso (created_at, &us))
    {
      g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (us / G_USEC_PER_SEC);
      when = g_date_time_to_local (utc);
      date = pos_date_format (when, pos_currency_get_locale (b->currency));
      time = pos_time_format (when, pos_currency_get_locale (b->currency));
      stamp = g_strconcat (date, " ", time, NULL);
      pos_receipt_add_columns (b->receipt, POS_TEXT_NORMAL, C_ ("receipt", "Date"), stamp);
    }
  pos_receipt_add_columns (b->receipt, POS_TEXT_NORMAL, C_ ("receipt", "Cashier"),
                           pos_json_get_string (b->sale, "cashier"));
  pos_receipt_add_rule (b->receipt, '-');
}

static void
add_line (Builder *b, JsonObject *line)
{
  const char *unit = pos_json_get_string (line, "unit");
  g_autofree char *qty
      = pos_qty_format (pos_json_get_int (line, "qty", 0), pos_currency_get_locale (b->currency));
  g_autofree char *price = pos_amount_format (pos_json_get_int (line, "unit_price", 0), b->currency);
  g_autofree char *detail = NULL;

  add_money (b, POS_TEXT_NORMAL, pos_json_get_string (line, "name"), pos_json_get_int (line, "total", 0));
  detail = pos_unit_is_measured (unit) ? g_strdup_printf ("  %s %s × %s/%s", qty, unit, price, unit)
                                       : g_strdup_printf ("  %s × %s", qty, price);
  pos_receipt_add_text (b->receipt, POS_TEXT_NORMAL, POS_ALIGN_LEFT, detail);
}

static void
add_body (Builder *b)
{
  JsonArray *lines = json_object_get_array_member (b->sale, "lines");
  JsonArray *payments = json_object_get_array_member (b->sale, "payments");

  for (guint i = 0; lines != NULL && i < json_array_get_length (lines); i++)
    add_line (b, json_array_get_object_element (lines, i));
  pos_receipt_add_rule (b->receipt, '-');
  add_money (b, POS_TEXT_BOLD | POS_TEXT_DOUBLE_WIDTH | POS_TEXT_DOUBLE_HEIGHT, C_ ("receipt total", "TOTAL"),
             pos_json_get_int (b->sale, "total", 0) + pos_json_get_int (b->sale, "rounding", 0));
  for (guint i = 0; payments != NULL && i < json_array_get_length (payments); i++)
    {
      JsonObject *p = json_array_get_object_element (payments, i);
      gboolean cash = g_strcmp0 (pos_json_get_string (p, "method"), "cash") == 0;

      /* As on a sale's receipt: the cash handed over is what was due plus the change. */
      add_money (b, POS_TEXT_NORMAL, cash ? C_ ("tender", "Cash") : C_ ("tender", "Card"),
                 pos_json_get_int (p, "amount", 0) + (cash ? pos_json_get_int (b->sale, "change", 0) : 0));
    }
  if (pos_json_get_int (b->sale, "change", 0) != 0)
    add_money (b, POS_TEXT_BOLD, C_ ("money handed back", "Change"), pos_json_get_int (b->sale, "change", 0));
  pos_receipt_add_rule (b->receipt, '-');
}

PosReceipt *
pos_training_receipt_build (PosStore *store, const char *receipt_no, GError **error)
{
  g_autoptr (PosReceipt) receipt = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_auto (PosLanguageScope) scope = { 0 };
  g_autofree char *language = NULL;
  Builder b;

  g_return_val_if_fail (store != NULL && receipt_no != NULL, NULL);
  if (!pos_training_is_receipt (receipt_no))
    return g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("There is no receipt %s"), receipt_no),
           NULL;
  if ((node = load_event (store, receipt_no, error)) == NULL)
    return NULL;
  receipt = pos_receipt_new ();
  b = (Builder){ receipt, pos_shop_currency (store), json_node_get_object (node) };
  /* The receipt speaks the shop's language, whoever is signed in. */
  language = pos_shop_language (store);
  pos_language_scope_enter (&scope, language);
  add_head (&b, store);
  add_body (&b);
  if (!pos_fiscal_add_training_lines (store, receipt_no, receipt, error))
    return NULL;
  add_banner (&b);
  pos_receipt_add_cut (receipt, POS_CUT_PARTIAL);
  return g_steal_pointer (&receipt);
}
