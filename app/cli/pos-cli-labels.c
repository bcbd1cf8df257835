/* pos-cli-labels.c — `labels`: shelf labels and barcode stickers.
 *
 *   labels --sku KEY… | --delivery NOTE | --changed-since-last
 *          [--layout NAME] [--pdf FILE] [--png FILE] [--print [--printer URI]] [--qr]
 *
 * At least one of --pdf, --png and --print. Once the PDF is written or the
 * labels are printed, the shelf counts as showing these prices, so the next
 * --changed-since-last lists only later changes; a PNG preview alone
 * changes nothing. Nothing to print is not an error: it says so, exit 0.
 */
#include "pos-cli-print.h"

#include <glib/gi18n-lib.h>
#include "pos-cli.h"

#include <stdio.h>

#include "pos-label-print.h"
#include "pos-label-render.h"
#include "pos-label-source.h"

#define PREVIEW_DPI 300.0

static const char usage[] = "labels --sku SKU|BARCODE… | --delivery NOTE | --changed-since-last [--layout "
                            "3x8|3x7|2x7|4x10|roll-58x40|"
                            "roll-40x30] [--pdf FILE] [--png FILE] [--print [--printer URI]] [--qr]";

typedef struct
{
  char **skus;
  char *delivery;
  gboolean changed;
  char *layout;
  char *pdf;
  char *png;
  gboolean print;
  char *printer;
  gboolean qr;
} LabelsOptions;

static void
labels_options_clear (LabelsOptions *o)
{
  g_strfreev (o->skus);
  g_free (o->delivery);
  g_free (o->layout);
  g_free (o->pdf);
  g_free (o->png);
  g_free (o->printer);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LabelsOptions, labels_options_clear)

/* NULL when the options make sense, else what is wrong. */
static const char *
check_options (const LabelsOptions *o)
{
  int sources = (o->skus != NULL) + (o->delivery != NULL) + (o->changed ? 1 : 0);

  if (sources != 1)
    return "give exactly one of --sku, --delivery and --changed-since-last";
  if (o->pdf == NULL && o->png == NULL && !o->print)
    return "give --pdf, --png or --print";
  if (o->printer != NULL && !o->print)
    return "--printer goes with --print";
  return NULL;
}

static GPtrArray *
select_labels (PosCli *cli, const LabelsOptions *o, GError **error)
{
  if (o->skus != NULL)
    return pos_label_source_products (cli->store, (const char *const *)o->skus, o->qr, error);
  if (o->delivery != NULL)
    return pos_label_source_delivery (cli->store, o->delivery, o->qr, error);
  return pos_label_source_changed (cli->store, o->qr, error);
}

/* Writes and prints what was asked; records the run once a label exists on
 * paper or in a PDF. */
static gboolean
produce (PosCli *cli, const LabelsOptions *o, GPtrArray *labels, const PosLabelSheet *sheet, GError **error)
{
  if (o->png != NULL && !pos_label_render_png (labels, sheet, 0, PREVIEW_DPI, o->png, error))
    return FALSE;
  if (o->pdf != NULL && !pos_label_render_pdf (labels, sheet, o->pdf, error))
    return FALSE;
  if (o->print && !pos_label_print (cli->store, labels, sheet, o->printer, error))
    return FALSE;
  if (o->pdf == NULL && !o->print)
    return TRUE;
  return pos_label_source_mark_printed (cli->store, labels, error);
}

static void
report (PosCli *cli, GPtrArray *labels, const PosLabelSheet *sheet)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "layout");
  json_builder_add_string_value (b, sheet->name);
  json_builder_set_member_name (b, "pages");
  json_builder_add_int_value (b, pos_label_sheet_pages (sheet, labels->len));
  json_builder_set_member_name (b, "labels");
  json_builder_begin_array (b);
  if (!cli->json)
    printf (_ ("%u label(s), %u page(s) of %s\n"), labels->len, pos_label_sheet_pages (sheet, labels->len),
            sheet->name);
  for (guint i = 0; i < labels->len; i++)
    {
      const PosLabel *label = g_ptr_array_index (labels, i);
      g_autofree char *price = pos_cli_money (cli, label->price);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "sku");
      json_builder_add_string_value (b, label->sku);
      json_builder_set_member_name (b, "code");
      json_builder_add_string_value (b, label->code);
      json_builder_set_member_name (b, "symbology");
      json_builder_add_string_value (b, pos_label_symbology_name (label->symbology));
      json_builder_set_member_name (b, "price");
      json_builder_add_string_value (b, price);
      json_builder_set_member_name (b, "unit_price");
      if (label->unit_price_text != NULL)
        json_builder_add_string_value (b, label->unit_price_text);
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
      if (!cli->json)
        printf ("%-16s %-14s %10s  %s\n", label->sku, label->code, price, label->name);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  pos_cli_print_listing (cli, b);
}

int
pos_cli_labels (PosCli *cli, int argc, char **argv)
{
  g_auto (LabelsOptions) o = { 0 };
  GOptionEntry entries[] = {
    { "sku", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.skus, NULL, NULL },
    { "delivery", 0, 0, G_OPTION_ARG_STRING, &o.delivery, NULL, NULL },
    { "changed-since-last", 0, 0, G_OPTION_ARG_NONE, &o.changed, NULL, NULL },
    { "layout", 0, 0, G_OPTION_ARG_STRING, &o.layout, NULL, NULL },
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &o.pdf, NULL, NULL },
    { "png", 0, 0, G_OPTION_ARG_FILENAME, &o.png, NULL, NULL },
    { "print", 0, 0, G_OPTION_ARG_NONE, &o.print, NULL, NULL },
    { "printer", 0, 0, G_OPTION_ARG_STRING, &o.printer, NULL, NULL },
    { "qr", 0, 0, G_OPTION_ARG_NONE, &o.qr, NULL, NULL },
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) labels = NULL;
  const PosLabelSheet *sheet;
  const char *problem;

  if (!pos_cli_parse (entries, &argc, &argv, usage, &error) || argc != 1)
    return pos_cli_usage (usage, error ? error->message : "unexpected argument");
  if ((problem = check_options (&o)) != NULL)
    return pos_cli_usage (usage, problem);
  if ((sheet = pos_label_sheet_lookup (o.layout != NULL ? o.layout : "3x8", &error)) == NULL)
    return pos_cli_fail (error);
  if (pos_cli_store (cli, &error) == NULL || (labels = select_labels (cli, &o, &error)) == NULL)
    return pos_cli_fail (error);
  if (labels->len > 0 && !produce (cli, &o, labels, sheet, &error))
    return pos_cli_fail_device (error);
  report (cli, labels, sheet);
  return POS_EXIT_OK;
}
