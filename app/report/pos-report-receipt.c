/* pos-report-receipt.c — an X or Z report for the receipt printer (see
 * pos-report-receipt.h). */
#include "pos-report-receipt.h"

#include "pos-format.h"
#include "pos-i18n.h"
#include "pos-printing.h"
#include "pos-receipt-preview.h"
#include "pos-report-text.h"
#include "pos-shop.h"
#include "pos-store-private.h"

/* A line of the report on paper: values right-aligned beside their label,
 * tables in the small font so more of a row fits on the paper. */
static void
add_line (PosReportLineKind kind, int depth, const char *text, const char *value, gpointer data)
{
  PosReceipt *receipt = data;
  g_autofree char *indented = g_strdup_printf ("%*s%s", depth * 2, "", text);

  switch (kind)
    {
      case POS_REPORT_LINE_VALUE:
        pos_receipt_add_columns (receipt, POS_TEXT_NORMAL, indented, value);
        break;
      case POS_REPORT_LINE_HEADING:
        pos_receipt_add_text (receipt, POS_TEXT_BOLD, POS_ALIGN_LEFT, indented);
        break;
      case POS_REPORT_LINE_ROW:
        pos_receipt_add_text (receipt, POS_TEXT_FONT_B, POS_ALIGN_LEFT, indented);
        break;
    }
}

/* "X report" or "Z report 12". */
static char *
report_title (JsonObject *report)
{
  const char *type = json_object_get_string_member_with_default (report, "type", "X");

  /* TRANSLATORS: %s is X or Z, the kind of report; %lld its number. */
  if (json_object_has_member (report, "number"))
    return g_strdup_printf (_ ("%s report %lld"), type,
                            (long long)json_object_get_int_member_with_default (report, "number", 0));
  /* TRANSLATORS: %s is X or Z, the kind of report. */
  return g_strdup_printf (_ ("%s report"), type);
}

static char *
shop_name (PosStore *store)
{
  g_autofree char *name = pos_store_dup_setting (store, "shop_name");

  if (name == NULL || *g_strstrip (name) == '\0')
    return g_strdup (pos_shop_setting_find ("shop_name")->fallback);
  return g_steal_pointer (&name);
}

PosReceipt *
pos_report_receipt_build (PosStore *store, JsonNode *report)
{
  g_autoptr (PosReceipt) receipt = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  const char *locale = pos_currency_get_locale (pos_shop_currency (store));
  g_autofree char *date = pos_date_format (now, locale);
  g_autofree char *time = pos_time_format (now, locale);
  g_autofree char *printed = g_strconcat (date, " ", time, NULL);
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  g_autofree char *language = NULL;
  g_auto (PosLanguageScope) scope = { 0 };

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (report != NULL && JSON_NODE_HOLDS_OBJECT (report), NULL);

  receipt = pos_receipt_new ();
  language = pos_shop_language (store);
  pos_language_scope_enter (&scope, language);
  name = shop_name (store);
  title = report_title (json_node_get_object (report));
  pos_receipt_add_text (receipt, POS_TEXT_BOLD | POS_TEXT_DOUBLE_HEIGHT, POS_ALIGN_CENTER, name);
  pos_receipt_add_text (receipt, POS_TEXT_BOLD | POS_TEXT_DOUBLE_WIDTH | POS_TEXT_DOUBLE_HEIGHT,
                        POS_ALIGN_CENTER, title);
  pos_receipt_add_columns (receipt, POS_TEXT_NORMAL, _ ("Printed"), printed);
  pos_receipt_add_rule (receipt, '=');
  pos_report_foreach_line (store, report, add_line, receipt);
  pos_receipt_add_rule (receipt, '=');
  pos_receipt_add_feed (receipt, 3);
  pos_receipt_add_cut (receipt, POS_CUT_PARTIAL);
  return g_steal_pointer (&receipt);
}

gboolean
pos_report_receipt_write_pdf (PosStore *store, JsonNode *report, const char *path, GError **error)
{
  g_autoptr (PosReceipt) document = NULL;
  const PosPrinterProfile *profile;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (report != NULL && JSON_NODE_HOLDS_OBJECT (report), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((profile = pos_printing_profile (store, error)) == NULL)
    return FALSE;
  document = pos_report_receipt_build (store, report);
  return pos_receipt_preview_write_pdf (document, profile, path, error);
}
