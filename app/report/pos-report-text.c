/* pos-report-text.c — a report as a person reads it (see pos-report-text.h). */
#include "pos-report-text.h"

#include <stdio.h>
#include <string.h>

#include "pos-catalog.h"
#include "pos-format.h"
#include "pos-i18n.h"
#include "pos-money.h"
#include "pos-shop.h"
#include "pos-users.h"

typedef struct
{
  PosStore *store;
  const PosCurrency *currency;
  PosReportLineFunc func;
  gpointer data;
} Writer;

static void
emit (Writer *w, PosReportLineKind kind, int depth, const char *text, const char *value)
{
  w->func (kind, depth, text, value, w->data);
}

/* Members holding money in minor units. */
static gboolean
is_money (const char *member)
{
  static const char *const words[]
      = { "total",   "gross",    "net",    "tax",      "amount", "rounding", "discount", "cash", "float",
          "paid_in", "paid_out", "change", "variance", "cost",   "margin",   "value",    NULL };

  if (g_str_has_suffix (member, "_bp") || g_str_has_suffix (member, "count")
      || g_str_equal (member, "uncosted") || g_str_has_suffix (member, "_id"))
    return FALSE;
  for (guint i = 0; words[i] != NULL; i++)
    if (strstr (member, words[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* Internal keys a person has no use for: row ids (the rows carry names),
 * sale ids bounding a period (the receipts do that), helper columns. */
static gboolean
is_hidden (const char *member)
{
  return (g_str_has_suffix (member, "_id") && !g_str_equal (member, "cashier_id")
          && !g_str_equal (member, "till_id"))
         || member[0] == '_' || g_str_equal (member, "first_sale") || g_str_equal (member, "last_sale");
}

/* The labels label_for() makes of the reports' members, listed so that
 * they reach the translators; a member added later shows in English until
 * it is added here. */
static const char *const labels[] = {
  N_ ("Account cash paid in"),
  N_ ("Amount"),
  N_ ("Approved by"),
  N_ ("Approver"),
  N_ ("Business day"),
  N_ ("By"),
  N_ ("Cash refunded"),
  N_ ("Cash taken"),
  N_ ("Cashier"),
  N_ ("Category"),
  N_ ("Change given"),
  N_ ("Closed at"),
  N_ ("Closed by"),
  N_ ("Code"),
  N_ ("Count"),
  N_ ("Counted"),
  N_ ("Counted cash"),
  N_ ("Created at"),
  N_ ("Currency"),
  N_ ("Day"),
  N_ ("Denomination"),
  N_ ("Discounts"),
  N_ ("Expected cash"),
  N_ ("First day"),
  N_ ("Layaway payments in cash"),
  N_ ("No sale"),
  N_ ("Last receipt"),
  N_ ("First receipt"),
  N_ ("From"),
  N_ ("Generated at"),
  N_ ("Grand total"),
  N_ ("Gross"),
  N_ ("Gross refunds"),
  N_ ("Gross sales"),
  N_ ("Hour"),
  N_ ("Kind"),
  N_ ("Last day"),
  N_ ("Method"),
  N_ ("N"),
  N_ ("Name"),
  N_ ("Net"),
  N_ ("Number"),
  N_ ("Opened at"),
  N_ ("Opening float"),
  N_ ("Paid in"),
  N_ ("Paid out"),
  N_ ("Payment"),
  N_ ("Payments"),
  N_ ("Points"),
  N_ ("Points redeemed"),
  N_ ("Product"),
  N_ ("Rate"),
  N_ ("Reason"),
  N_ ("Refunds"),
  N_ ("Rounding"),
  N_ ("Rows"),
  N_ ("Sales"),
  N_ ("Shifts"),
  N_ ("Tax"),
  N_ ("Taxes"),
  N_ ("Till"),
  N_ ("To"),
  N_ ("Total"),
  N_ ("Totals"),
  N_ ("Type"),
  N_ ("Variance"),
  N_ ("Z period"),
  N_ ("Z period payment"),
  N_ ("Z period tax"),
  N_ ("Quantity"),
  N_ ("SKU"),
};

/* "gross_sales" → "Gross sales"; "rate_bp" → "Rate"; "cashier_id" → "Cashier";
 * in the language the calling thread speaks. */
static char *
label_for (const char *member)
{
  g_autofree char *base = g_str_has_suffix (member, "_bp") || g_str_has_suffix (member, "_id")
                              ? g_strndup (member, strlen (member) - 3)
                              : g_strdup (member);
  char *label = g_strdelimit (g_strdup (base), "_", ' ');

  if (g_str_equal (base, "qty"))
    return g_free (label), g_strdup (_ ("Quantity"));
  if (g_str_equal (base, "sku"))
    return g_free (label), g_strdup (_ ("SKU"));
  label[0] = g_ascii_toupper (label[0]);
  for (gsize i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (labels[i], label))
      return g_free (label), g_strdup (_ (labels[i]));
  return label;
}

/* "2026-12-04T21:06:29.135Z" → "04.12.2026 22:06" (de_DE) in local time; NULL
 * when @text is no UTC timestamp. */
static char *
local_time (const char *text, const char *locale)
{
  g_autofree char *date = NULL, *time = NULL;
  g_autoptr (GDateTime) utc = NULL;
  g_autoptr (GDateTime) local = NULL;

  if (strlen (text) < 20 || text[10] != 'T' || !g_str_has_suffix (text, "Z"))
    return NULL;
  if ((utc = g_date_time_new_from_iso8601 (text, NULL)) == NULL)
    return NULL;
  local = g_date_time_to_local (utc);
  date = pos_date_format (local, locale);
  time = pos_time_format (local, locale);
  return g_strconcat (date, " ", time, NULL);
}

/* "2026-12-04" → "04.12.2026" (de_DE); NULL when @text is no date. */
static char *
local_date (const char *text, const char *locale)
{
  g_autoptr (GDateTime) day = NULL;
  int year, month, mday;
  char end;

  if (strlen (text) != 10 || sscanf (text, "%4d-%2d-%2d%c", &year, &month, &mday, &end) != 3)
    return NULL;
  if ((day = g_date_time_new_local (year, month, mday, 12, 0, 0)) == NULL)
    return NULL;
  return pos_date_format (day, locale);
}

static char *
cashier_name (Writer *w, gint64 id)
{
  g_autoptr (PosUser) user = pos_users_lookup_by_id (w->store, id, NULL);

  return user != NULL ? g_strdup (user->name) : g_strdup_printf ("#%" G_GINT64_FORMAT, id);
}

/* A quantity in thousandths; products sold by a measure name it (kg, l, m). */
static char *
quantity (Writer *w, JsonObject *row, gint64 qty)
{
  g_autofree char *text = pos_qty_to_string (qty);
  gint64 product_id = row != NULL && json_object_has_member (row, "product_id")
                          ? json_object_get_int_member_with_default (row, "product_id", 0)
                          : 0;
  g_autoptr (PosProduct) product = product_id > 0 ? pos_catalog_get (w->store, product_id, NULL) : NULL;

  if (product != NULL && pos_product_is_measured (product))
    return g_strdup_printf ("%s %s", text, product->unit);
  return g_steal_pointer (&text);
}

/* The value of @member (of @row, for context) as a person reads it: dates
 * and times the shop's way, amounts with the currency's sign, or as bare
 * numbers in a table's @cell under a heading that names them. */
static char *
value_text (Writer *w, JsonObject *row, const char *member, JsonNode *node, gboolean cell)
{
  GType type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;

  if (JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("–");
  if (type == G_TYPE_STRING)
    {
      const char *locale = pos_currency_get_locale (w->currency);
      const char *text = json_node_get_string (node);
      char *local = local_time (text, locale);

      if (local == NULL)
        local = local_date (text, locale);
      return local != NULL ? local : g_strdup (text);
    }
  if (type == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (node) ? _ ("yes") : _ ("no"));
  if (type == G_TYPE_DOUBLE)
    return g_strdup_printf ("%g", json_node_get_double (node));
  if (type != G_TYPE_INT64)
    return g_strdup ("");
  if (g_str_equal (member, "cashier_id"))
    return cashier_name (w, json_node_get_int (node));
  if (g_str_has_suffix (member, "_bp"))
    {
      g_autofree char *percent = pos_qty_to_string (json_node_get_int (node) * 10);
      return g_strdup_printf ("%s %%", percent);
    }
  if (g_str_equal (member, "qty"))
    return quantity (w, row, json_node_get_int (node));
  if (is_money (member))
    return cell ? pos_amount_format_number (json_node_get_int (node), w->currency)
                : pos_amount_format (json_node_get_int (node), w->currency);
  return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
}

static void write_object (Writer *w, JsonObject *o, int depth);

/* Rows of objects as a table: a header of labels, then one line a row. */
static void
write_table (Writer *w, JsonArray *rows, int depth)
{
  JsonObject *first = json_array_get_object_element (rows, 0);
  g_autoptr (GList) members = json_object_get_members (first);
  g_autoptr (GPtrArray) columns = g_ptr_array_new ();
  g_autoptr (GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  guint n_rows = json_array_get_length (rows);
  g_autofree guint *widths = NULL;

  for (GList *l = members; l != NULL; l = l->next)
    if (!is_hidden (l->data))
      g_ptr_array_add (columns, l->data);
  widths = g_new0 (guint, columns->len);
  for (guint r = 0; r <= n_rows; r++)
    for (guint c = 0; c < columns->len; c++)
      {
        const char *member = columns->pdata[c];
        JsonObject *row = r > 0 ? json_array_get_object_element (rows, r - 1) : NULL;
        JsonNode *node = row != NULL ? json_object_get_member (row, member) : NULL;
        char *cell = r == 0         ? label_for (member)
                     : node != NULL ? value_text (w, row, member, node, TRUE)
                                    : g_strdup ("");

        widths[c] = MAX (widths[c], (guint)g_utf8_strlen (cell, -1));
        g_ptr_array_add (cells, cell);
      }
  for (guint r = 0; r <= n_rows; r++)
    {
      g_autoptr (GString) line = g_string_new (NULL);

      for (guint c = 0; c < columns->len; c++)
        {
          const char *cell = cells->pdata[r * columns->len + c];
          guint pad = widths[c] - (guint)g_utf8_strlen (cell, -1);
          JsonNode *node = r > 0 ? json_object_get_member (json_array_get_object_element (rows, r - 1),
                                                           columns->pdata[c])
                                 : NULL;
          gboolean right = node != NULL && JSON_NODE_HOLDS_VALUE (node)
                           && json_node_get_value_type (node) == G_TYPE_INT64
                           && !g_str_equal (columns->pdata[c], "cashier_id");

          if (right)
            g_string_append_printf (line, "%*s%s", pad, "", cell);
          else
            g_string_append_printf (line, "%s%*s", cell, c + 1 < columns->len ? pad : 0, "");
          if (c + 1 < columns->len)
            g_string_append (line, "  ");
        }
      emit (w, POS_REPORT_LINE_ROW, depth, line->str, NULL);
    }
}

static void
write_member (Writer *w, JsonObject *o, const char *member, int depth)
{
  JsonNode *node = json_object_get_member (o, member);
  g_autofree char *label = label_for (member);

  if (is_hidden (member))
    return;
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      emit (w, POS_REPORT_LINE_HEADING, depth, label, NULL);
      write_object (w, json_node_get_object (node), depth + 1);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      if (json_array_get_length (array) == 0)
        emit (w, POS_REPORT_LINE_VALUE, depth, label, _ ("none"));
      else if (JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, 0)))
        {
          emit (w, POS_REPORT_LINE_HEADING, depth, label, NULL);
          write_table (w, array, depth + 1);
        }
    }
  else
    {
      g_autofree char *value = value_text (w, o, member, node, FALSE);
      emit (w, POS_REPORT_LINE_VALUE, depth, label, value);
    }
}

static void
write_object (Writer *w, JsonObject *o, int depth)
{
  g_autoptr (GList) members = json_object_get_members (o);

  for (GList *l = members; l != NULL; l = l->next)
    write_member (w, o, l->data, depth);
}

void
pos_report_foreach_line (PosStore *store, JsonNode *report, PosReportLineFunc func, gpointer data)
{
  Writer w = { .store = store, .func = func, .data = data };
  g_auto (PosLanguageScope) scope = { 0 };
  g_autofree char *language = NULL;

  g_return_if_fail (store != NULL);
  g_return_if_fail (report != NULL && JSON_NODE_HOLDS_OBJECT (report));
  g_return_if_fail (func != NULL);

  w.currency = pos_shop_currency (store);
  /* Reports speak the shop's language, like its receipts. */
  language = pos_shop_language (store);
  pos_language_scope_enter (&scope, language);
  write_object (&w, json_node_get_object (report), 0);
}

/* Plain text: a value after its label padded to 24 columns, two spaces of
 * indent a level. */
static void
append_line (PosReportLineKind kind, int depth, const char *text, const char *value, gpointer data)
{
  GString *out = data;

  g_string_append_printf (out, "%*s", depth * 2, "");
  if (kind == POS_REPORT_LINE_VALUE)
    g_string_append_printf (out, "%-24s %s\n", text, value);
  else
    g_string_append_printf (out, "%s\n", text);
}

char *
pos_report_text (PosStore *store, JsonNode *report)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (report != NULL && JSON_NODE_HOLDS_OBJECT (report), NULL);

  pos_report_foreach_line (store, report, append_line, out);
  return g_string_free (out, FALSE);
}
