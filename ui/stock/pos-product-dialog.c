/* pos-product-dialog.c — creating or editing a product (see pos-product-dialog.h). */
#include "pos-product-dialog.h"

#include <glib/gi18n-lib.h>

#include "pos-clock.h"
#include "pos-price-schedule.h"
#include "pos-product-image.h"
#include "pos-format.h"
#include "pos-product-edit.h"
#include "pos-quick-key-page.h"
#include "pos-tax-rate.h"
#include "pos-variant.h"

struct _PosProductDialog
{
  AdwWindow parent_instance;

  PosContext *context;
  PosProduct *product;
  GPtrArray *tax_ids; /* gint64 * per row of the tax combo */
  GtkLabel *problem;
  AdwEntryRow *barcodes, *sku, *name, *price, *cost, *category, *brand, *supplier, *reorder, *open_limit;
  AdwEntryRow *parent, *options;           /* a variant's product (SKU or code) and its options */
  AdwEntryRow *new_price, *new_price_from; /* a scheduled price change */
  AdwComboRow *tax, *unit;
  /* The shelf label's unit price and the quick key's look. */
  AdwEntryRow *content, *key_colour, *key_position;
  AdwComboRow *unit_base;
  AdwComboRow *key_page; /* (nullable) the quick-key pages, when the shop has them */
  GArray *page_ids;      /* gint64 per row of key_page */
  /* The quick key's picture: shown, chosen, replaced or taken away. */
  AdwActionRow *image;
  GtkStack *image_view;
  GtkPicture *picture;
  GtkButton *choose_image, *remove_image;
  char *image_path;    /* as chosen: the product's, a new file's path, or NULL for none */
  GFile *image_folder; /* where the last file was chosen: the chooser opens there again */
};

G_DEFINE_FINAL_TYPE (PosProductDialog, pos_product_dialog, ADW_TYPE_WINDOW)

enum
{
  SIGNAL_SAVED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

static AdwEntryRow *
add_entry (AdwPreferencesGroup *group, const char *title, const char *text)
{
  AdwEntryRow *row = ADW_ENTRY_ROW (adw_entry_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  adw_entry_row_set_activates_default (row, TRUE);
  adw_preferences_group_add (group, GTK_WIDGET (row));
  return row;
}

static const char *
text_of (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

/* Marks the row of @field (as pos_product_edit_save() names it) and says why. */
static void
show_problem (PosProductDialog *self, const char *field, const char *message)
{
  struct
  {
    const char *field;
    GtkWidget *row;
  } rows[] = {
    { "barcode", GTK_WIDGET (self->barcodes) },
    { "sku", GTK_WIDGET (self->sku) },
    { "name", GTK_WIDGET (self->name) },
    { "price", GTK_WIDGET (self->price) },
    { "cost", GTK_WIDGET (self->cost) },
    { "category", GTK_WIDGET (self->category) },
    { "brand", GTK_WIDGET (self->brand) },
    { "supplier", GTK_WIDGET (self->supplier) },
    { "reorder", GTK_WIDGET (self->reorder) },
    { "open_price_limit", GTK_WIDGET (self->open_limit) },
    { "tax", GTK_WIDGET (self->tax) },
    { "unit", GTK_WIDGET (self->unit) },
    { "parent", GTK_WIDGET (self->parent) },
    { "options", GTK_WIDGET (self->options) },
    { "new_price", GTK_WIDGET (self->new_price) },
    { "from", GTK_WIDGET (self->new_price_from) },
    { "content", GTK_WIDGET (self->content) },
    { "quick_key_colour", GTK_WIDGET (self->key_colour) },
    { "quick_key_position", GTK_WIDGET (self->key_position) },
    { "key_page", GTK_WIDGET (self->key_page) },
    { "image", GTK_WIDGET (self->image) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      if (rows[i].row == NULL) /* no variant rows for a product sold in variants */
        continue;
      gtk_widget_remove_css_class (rows[i].row, "error");
      if (g_strcmp0 (rows[i].field, field) == 0)
        {
          gtk_widget_add_css_class (rows[i].row, "error");
          gtk_widget_grab_focus (rows[i].row);
        }
    }
  gtk_label_set_text (self->problem, message);
  gtk_widget_set_visible (GTK_WIDGET (self->problem), TRUE);
}

static gboolean
read_amount (PosProductDialog *self, AdwEntryRow *row, const char *field, PosAmount *out, const char **failed,
             GError **error)
{
  g_autoptr (GError) local = NULL;

  if (*text_of (row) == '\0')
    return *out = -1, TRUE;
  if (pos_amount_parse_local (text_of (row), pos_context_get_currency (self->context), out, &local))
    return TRUE;
  *failed = field;
  g_set_error (error, POS_ERROR, POS_ERROR_INVALID, "%s: “%s” %s", field, text_of (row), local->message);
  return FALSE;
}

static gboolean
fail_at (const char **field, const char *name)
{
  *field = name;
  return FALSE;
}

/* A variant's rows: its product and its options ("size=M, colour=red").
 * A variant takes its product's tax rate, and its price when none is
 * typed. */
static gboolean
read_variant (PosProductDialog *self, PosProduct *p, const char **field, GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autoptr (PosProduct) parent = NULL;
  g_auto (GStrv) pairs = g_strsplit (text_of (self->options), ",", -1);
  gboolean new_variant;

  if (self->parent == NULL)
    return TRUE;
  new_variant = p->id == 0 && *text_of (self->parent) != '\0';
  if (p->parent_id == 0 && !new_variant)
    return *text_of (self->options) == '\0'
           || (g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                            "options: only a variant has options; give the product it is a variant of"),
               fail_at (field, "options"));
  if (new_variant
      && (parent = pos_catalog_lookup (pos_context_get_store (self->context), text_of (self->parent), &local))
             == NULL)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, "parent: %s", local->message),
           fail_at (field, "parent");
  if (parent != NULL)
    p->parent_id = parent->id, p->tax_rate_id = 0;
  g_free (p->variant_options);
  if ((p->variant_options = pos_variant_options_from_pairs ((const char *const *)pairs, error)) == NULL)
    return fail_at (field, "options");
  p->own_price = *text_of (self->price) != '\0';
  return TRUE;
}

/* The units of the "Sold by" row, in its order. */
static const char *const unit_codes[] = { "each", "kg", "l", "m" };

static guint
unit_index (const char *unit)
{
  for (guint i = 0; i < G_N_ELEMENTS (unit_codes); i++)
    if (g_strcmp0 (unit, unit_codes[i]) == 0)
      return i;
  return 0;
}

/* The content row, a quantity and its unit as one types them ("0.5 l",
 * "0.25 kg", "10 m"), and the unit price's base (per 1 or per 100 g / ml);
 * nothing when the content is empty. */
static gboolean
read_content (PosProductDialog *self, PosProduct *p, const char **field, GError **error)
{
  g_autofree char *text = g_strstrip (g_strdup (text_of (self->content)));
  char *unit = text;
  g_autoptr (GError) local = NULL;

  g_clear_pointer (&p->content_unit, g_free);
  p->content_qty = 0, p->unit_price_base = 0;
  if (*text == '\0')
    return TRUE;
  while (*unit != '\0' && !g_ascii_isalpha (*unit))
    unit++;
  p->content_unit = g_strstrip (g_ascii_strdown (unit, -1));
  *unit = '\0';
  if (!pos_qty_parse (g_strstrip (text), &p->content_qty, &local) || !pos_unit_is_measured (p->content_unit))
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                   _ ("content: write the quantity and its unit, kg, l or m (e.g. 0.5 l)"));
      return fail_at (field, "content");
    }
  p->unit_price_base = adw_combo_row_get_selected (self->unit_base) == 1 ? 100 : 1000;
  return TRUE;
}

/* The quick key's colour, position (and page) and picture. A newly chosen
 * picture is copied beside the store (pos-product-image.h). */
static gboolean
read_quick_key (PosProductDialog *self, PosProduct *p, PosProductLinks *links, const char **field,
                GError **error)
{
  guint page
      = self->key_page != NULL ? adw_combo_row_get_selected (self->key_page) : GTK_INVALID_LIST_POSITION;

  g_autofree char *colour = g_strstrip (g_ascii_strdown (text_of (self->key_colour), -1));
  const char *position = text_of (self->key_position), *image = self->image_path;
  guint64 number = 0;

  g_free (p->quick_key_colour), p->quick_key_colour = *colour ? g_steal_pointer (&colour) : NULL;
  if (*position != '\0' && !g_ascii_string_to_unsigned (position, 10, 1, 1000, &number, NULL))
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                   _ ("quick_key_position: a position is a number from 1 to 1000"));
      return fail_at (field, "quick_key_position");
    }
  links->key_position = number > 0 ? (gint)number : -1; /* empty: off the quick keys */
  links->key_page_id = page < self->page_ids->len ? g_array_index (self->page_ids, gint64, page) : 0;
  if (image == NULL || g_strcmp0 (image, self->product->image_path) == 0)
    {
      g_free (p->image_path), p->image_path = g_strdup (image);
      return TRUE;
    }
  g_free (p->image_path);
  p->image_path = pos_product_image_import (pos_context_get_store (self->context), image, error);
  return p->image_path != NULL || fail_at (field, "image");
}

/* Copies the rows onto the product; FALSE with *field for text that is not
 * a number at all (the catalog checks the rest). */
static gboolean
read_form (PosProductDialog *self, PosProduct *p, PosProductLinks *links, const char **field, GError **error)
{
  g_autoptr (GError) local = NULL;
  guint tax = adw_combo_row_get_selected (self->tax);

  g_free (p->sku), p->sku = g_strdup (text_of (self->sku));
  g_free (p->name), p->name = g_strdup (text_of (self->name));
  g_free (p->brand), p->brand = g_strdup (text_of (self->brand)); /* blank: none (pos_product_validate) */
  g_free (p->unit), p->unit = g_strdup (unit_codes[MIN (adw_combo_row_get_selected (self->unit), 3)]);
  p->tax_rate_id = tax < self->tax_ids->len ? *(gint64 *)g_ptr_array_index (self->tax_ids, tax) : 0;
  if (!read_variant (self, p, field, error))
    return FALSE;
  if (*text_of (self->price) == '\0' && p->parent_id != 0)
    p->price = 0; /* the product's: pos_variant_prepare() fills it in */
  else if (*text_of (self->price) == '\0')
    {
      *field = "price";
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("price: give the price it sells at"));
      return FALSE;
    }
  if ((p->own_price && !read_amount (self, self->price, "price", &p->price, field, error))
      || !read_amount (self, self->cost, "cost", &p->cost, field, error)
      || !read_amount (self, self->open_limit, "open_price_limit", &p->open_price_limit, field, error))
    return FALSE;
  p->open_price_limit = MAX (p->open_price_limit, 0); /* empty: a fixed price */
  if (!read_content (self, p, field, error) || !read_quick_key (self, p, links, field, error))
    return FALSE;
  p->reorder_level = -1;
  if (*text_of (self->reorder) != '\0' && !pos_qty_parse (text_of (self->reorder), &p->reorder_level, &local))
    {
      *field = "reorder";
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("reorder level: %s"), local->message);
      return FALSE;
    }
  return TRUE;
}

/* "2026-12-24 18:00" (or with a T, or a date alone: midnight), local time. */
static gboolean
read_start (const char *text, gint64 *us)
{
  g_autoptr (GTimeZone) local = g_time_zone_new_local ();
  g_autofree char *iso = g_strdelimit (g_strstrip (g_strdup (text)), " ", 'T');
  g_autofree char *full = strchr (iso, 'T') ? g_strconcat (iso, strlen (iso) <= 16 ? ":00" : "", NULL)
                                            : g_strconcat (iso, "T00:00:00", NULL);
  g_autoptr (GDateTime) when = g_date_time_new_from_iso8601 (full, local);

  if (when == NULL)
    return FALSE;
  *us = g_date_time_to_unix (when) * G_USEC_PER_SEC;
  return TRUE;
}

/* The scheduled price rows, both or neither (*@price stays -1), checked
 * before anything is saved. */
static gboolean
read_schedule (PosProductDialog *self, PosAmount *price, gint64 *starts_us, const char **field,
               GError **error)
{
  if (*text_of (self->new_price) == '\0' && *text_of (self->new_price_from) == '\0')
    return TRUE;
  if (!read_amount (self, self->new_price, "new_price", price, field, error))
    return FALSE;
  if (*price < 0 || !pos_product_check_amount (*price, "new price", error))
    {
      if (*price < 0)
        g_set_error (error, POS_ERROR, POS_ERROR_INVALID, "new price: give the price and when it starts");
      *field = "new_price";
      return FALSE;
    }
  if (!read_start (text_of (self->new_price_from), starts_us) || *starts_us <= pos_clock_now_us ())
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                   "from: give a time to come, like 2026-12-24 18:00 (now: edit the price)");
      *field = "from";
      return FALSE;
    }
  return TRUE;
}

static const char *
nonempty (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

static void
on_save_clicked_cb (PosProductDialog *self)
{
  g_autoptr (PosProduct) product = pos_product_copy (self->product);
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) codes = g_strsplit_set (text_of (self->barcodes), " ,;", -1);
  g_autoptr (GPtrArray) given = g_ptr_array_new ();
  const char *field = NULL;
  PosAmount new_price = -1;
  gint64 starts_us = 0;
  PosProductLinks links = {
    .category = nonempty (text_of (self->category)),
    .supplier = nonempty (text_of (self->supplier)),
  };
  const PosUser *user = pos_context_get_user (self->context);

  for (guint i = 0; codes[i] != NULL; i++)
    if (*codes[i] != '\0')
      g_ptr_array_add (given, codes[i]);
  g_ptr_array_add (given, NULL);
  links.barcodes = (const char *const *)given->pdata;
  if (user == NULL)
    g_set_error (&error, POS_ERROR, POS_ERROR_PERMISSION, _ ("Sign in to edit the catalog"));
  if (error != NULL || !read_form (self, product, &links, &field, &error)
      || !read_schedule (self, &new_price, &starts_us, &field, &error)
      || !pos_product_edit_save (pos_context_get_store (self->context), user, product, &links, &field,
                                 &error))
    {
      show_problem (self, field, error->message);
      return;
    }
  /* Checked above; only a variant that has its product's price can still
   * refuse one, and then the product stays saved and the dialog says why. */
  if (new_price >= 0
      && !pos_price_schedule_add (pos_context_get_store (self->context), user, product->id, new_price,
                                  starts_us, &field, &error))
    {
      g_free (self->product->sku), self->product->sku = g_strdup (product->sku);
      self->product->id = product->id;
      show_problem (self, "new_price", error->message);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, product->id);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* The shop's tax rates in the combo, the product's selected. */
static void
fill_tax_rates (PosProductDialog *self)
{
  g_autoptr (GPtrArray) rates = pos_tax_rate_list (pos_context_get_store (self->context), FALSE, NULL);
  g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);

  for (guint i = 0; rates != NULL && i < rates->len; i++)
    {
      PosTaxRate *rate = g_ptr_array_index (rates, i);
      g_autofree char *label
          = g_strdup_printf ("%s — %s (%" G_GINT64_FORMAT ".%02" G_GINT64_FORMAT " %%)", rate->code,
                             rate->name, rate->rate_bp / 100, rate->rate_bp % 100);

      gtk_string_list_append (labels, label);
      g_ptr_array_add (self->tax_ids, g_memdup2 (&rate->id, sizeof rate->id));
      if (rate->id == self->product->tax_rate_id)
        adw_combo_row_set_selected (self->tax, i);
    }
  adw_combo_row_set_model (self->tax, G_LIST_MODEL (labels));
  for (guint i = 0; i < self->tax_ids->len; i++)
    if (*(gint64 *)g_ptr_array_index (self->tax_ids, i) == self->product->tax_rate_id)
      adw_combo_row_set_selected (self->tax, i);
}

static AdwComboRow *
add_combo (AdwPreferencesGroup *group, const char *title)
{
  AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_group_add (group, GTK_WIDGET (row));
  return row;
}

static void
build_rows (PosProductDialog *self, AdwPreferencesGroup *group, const char *code)
{
  PosStore *store = pos_context_get_store (self->context);
  const PosProduct *p = self->product;
  const char *units[] = { _ ("Piece"), "kg", "l", "m", NULL }; /* unit symbols are the same everywhere */
  g_autoptr (GPtrArray) codes = p->id ? pos_catalog_barcodes (store, p->id, NULL) : NULL;
  g_autofree char *joined = NULL;
  g_autofree char *price
      = p->id ? pos_amount_format_plain (p->price, pos_context_get_currency (self->context)) : NULL;
  g_autofree char *cost
      = p->cost >= 0 ? pos_amount_format_plain (p->cost, pos_context_get_currency (self->context)) : NULL;
  g_autofree char *reorder = p->reorder_level >= 0 ? pos_qty_to_string (p->reorder_level) : NULL;
  g_autofree char *open_limit
      = p->open_price_limit > 0
            ? pos_amount_format_plain (p->open_price_limit, pos_context_get_currency (self->context))
            : NULL;
  g_autofree char *category = pos_catalog_category_name (store, p->category_id);
  g_autofree char *supplier = pos_catalog_supplier_name (store, p->supplier_id);

  if (codes != NULL)
    {
      g_ptr_array_add (codes, NULL);
      joined = g_strjoinv (" ", (char **)codes->pdata);
    }
  /* An existing product given a code (an open item's) takes it as one more. */
  if (code != NULL && joined != NULL && *joined != '\0')
    {
      g_autofree char *all = g_strconcat (joined, " ", code, NULL);
      self->barcodes = add_entry (group, _ ("Barcodes"), all);
    }
  else
    self->barcodes = add_entry (group, _ ("Barcodes"), code ? code : joined);
  self->sku = add_entry (group, _ ("SKU"), p->id ? p->sku : code);
  gtk_editable_set_editable (GTK_EDITABLE (self->sku), p->id == 0); /* the key other tills know it by */
  self->name = add_entry (group, _ ("Name"), p->name);
  self->price = add_entry (group, _ ("Price"), price);
  self->tax = add_combo (group, _ ("Tax rate"));
  self->unit = add_combo (group, _ ("Sold by"));
  adw_combo_row_set_model (self->unit, G_LIST_MODEL (gtk_string_list_new (units)));
  g_object_unref (adw_combo_row_get_model (self->unit)); /* the row holds its own reference */
  adw_combo_row_set_selected (self->unit, unit_index (p->unit));
  self->cost = add_entry (group, _ ("Cost"), cost);
  self->category = add_entry (group, _ ("Category"), category);
  self->brand = add_entry (group, _ ("Brand"), p->brand);
  self->supplier = add_entry (group, _ ("Supplier"), supplier);
  self->reorder = add_entry (group, _ ("Reorder level"), reorder);
  self->open_limit = add_entry (group, _ ("Open price up to (department key)"), open_limit);
  self->new_price = add_entry (group, _ ("New price (scheduled)"), NULL);
  self->new_price_from = add_entry (group, _ ("New price from (e.g. 2026-12-24 18:00)"), NULL);
  fill_tax_rates (self);
}

static void
on_colour_set_cb (GtkColorButton *button, PosProductDialog *self)
{
  GdkRGBA rgba;
  g_autofree char *hex = NULL;

  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (button), &rgba);
  hex = g_strdup_printf ("#%02x%02x%02x", (int)(rgba.red * 255 + 0.5), (int)(rgba.green * 255 + 0.5),
                         (int)(rgba.blue * 255 + 0.5));
  gtk_editable_set_text (GTK_EDITABLE (self->key_colour), hex);
}

/* The picture as chosen, scaled to fit its frame, or a placeholder that
 * says why there is none. A picture named but not here (still on its way
 * from the hub, or its file gone) is said to be missing. */
static void
show_picture (PosProductDialog *self)
{
  g_autofree char *file = pos_product_image_resolve (pos_context_get_store (self->context), self->image_path);
  gboolean here = file != NULL && g_file_test (file, G_FILE_TEST_IS_REGULAR);

  gtk_picture_set_filename (self->picture, here ? file : NULL);
  gtk_stack_set_visible_child_name (self->image_view, here ? "picture" : "none");
  adw_action_row_set_subtitle (self->image, self->image_path == NULL ? _ ("None: the key shows the name")
                                            : here                   ? ""
                                                   : _ ("Missing on this till: choose it again"));
  gtk_button_set_label (self->choose_image, self->image_path != NULL ? _ ("_Replace…") : _ ("C_hoose…"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->remove_image), self->image_path != NULL);
}

/* A chosen file is checked as the picture it will be kept as, at once. */
static void
take_picture (PosProductDialog *self, const char *path)
{
  g_autoptr (GError) error = NULL;

  if (!pos_product_image_check_file (path, &error))
    {
      show_problem (self, "image", error->message);
      return;
    }
  g_free (self->image_path), self->image_path = g_strdup (path);
  gtk_widget_remove_css_class (GTK_WIDGET (self->image), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->problem), FALSE);
  show_picture (self);
}

static void
on_image_chosen_cb (GtkNativeDialog *chooser, int response, PosProductDialog *self)
{
  g_autoptr (GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT
      && (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL
      && (path = g_file_get_path (file)) != NULL)
    {
      g_clear_object (&self->image_folder);
      self->image_folder = g_file_get_parent (file);
      take_picture (self, path);
    }
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
on_choose_image_clicked_cb (PosProductDialog *self)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (
      _ ("Picture for the quick key"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Choose"), NULL);
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _ ("Pictures"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_filter_add_mime_type (filter, "image/webp");
  gtk_file_filter_add_mime_type (filter, "image/svg+xml");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  /* Where the last file came from, else the pictures folder (or home). */
  if (self->image_folder == NULL)
    {
      const char *pictures = g_get_user_special_dir (G_USER_DIRECTORY_PICTURES);

      self->image_folder = g_file_new_for_path (
          pictures != NULL && g_file_test (pictures, G_FILE_TEST_IS_DIR) ? pictures : g_get_home_dir ());
    }
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), self->image_folder, NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  /* The dialog may be closed while the chooser is open. */
  g_signal_connect (chooser, "response", G_CALLBACK (on_image_chosen_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_remove_image_clicked_cb (PosProductDialog *self)
{
  g_clear_pointer (&self->image_path, g_free);
  show_picture (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->choose_image));
}

/* The picture row: the picture in a fixed frame, with buttons to choose,
 * replace or take it away. */
static void
add_picture_row (PosProductDialog *self, AdwPreferencesGroup *group)
{
  GtkWidget *none = gtk_image_new_from_icon_name ("image-x-generic-symbolic");
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->image = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->image), _ ("Quick-key picture"));
  self->picture = GTK_PICTURE (gtk_picture_new ());
  gtk_picture_set_content_fit (self->picture, GTK_CONTENT_FIT_CONTAIN);
  gtk_picture_set_can_shrink (self->picture, TRUE);
  gtk_picture_set_alternative_text (self->picture, _ ("The quick key's picture"));
  gtk_image_set_pixel_size (GTK_IMAGE (none), 48);
  gtk_widget_add_css_class (none, "dim-label");
  self->image_view = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_named (self->image_view, GTK_WIDGET (self->picture), "picture");
  gtk_stack_add_named (self->image_view, none, "none");
  gtk_widget_set_size_request (GTK_WIDGET (self->image_view), 96, 96);
  gtk_widget_set_margin_top (GTK_WIDGET (self->image_view), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->image_view), 6);
  adw_action_row_add_prefix (self->image, GTK_WIDGET (self->image_view));
  self->choose_image = GTK_BUTTON (gtk_button_new_with_mnemonic (_ ("C_hoose…")));
  self->remove_image = GTK_BUTTON (gtk_button_new_with_mnemonic (_ ("Re_move")));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->choose_image));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->remove_image));
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (self->choose_image, "clicked", G_CALLBACK (on_choose_image_clicked_cb), self);
  g_signal_connect_swapped (self->remove_image, "clicked", G_CALLBACK (on_remove_image_clicked_cb), self);
  adw_action_row_add_suffix (self->image, box);
  adw_preferences_group_add (group, GTK_WIDGET (self->image));
  self->image_path = g_strdup (self->product->image_path);
  show_picture (self);
}

/* A colour button beside the colour row, for those who pick rather than type. */
static void
add_colour_button (PosProductDialog *self)
{
  GtkWidget *button = gtk_color_button_new ();
  GdkRGBA rgba;

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _ ("Pick a colour"));
  if (self->product->quick_key_colour != NULL && gdk_rgba_parse (&rgba, self->product->quick_key_colour))
    gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (button), &rgba);
  g_signal_connect (button, "color-set", G_CALLBACK (on_colour_set_cb), self);
  adw_entry_row_add_suffix (self->key_colour, button);
}

/* The quick-key page row, when the shop has pages: the page the product's
 * key is on, else the first. Returns the key's position to show, from 1,
 * there or (without pages) the product's own. */
static char *
add_key_page_row (PosProductDialog *self, AdwPreferencesGroup *group)
{
  PosStore *store = pos_context_get_store (self->context);
  g_autoptr (GPtrArray) pages = pos_quick_key_pages_read (store, NULL);
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  g_auto (PosQuickKeyPlace) place = { 0 };
  gint64 position = self->product->quick_key_position;

  if (pages == NULL || pages->len == 0)
    return position > 0 ? g_strdup_printf ("%lld", (long long)position) : NULL;
  if (self->product->id == 0 || pos_quick_key_find_product (store, self->product->id, &place, NULL) <= 0)
    place.page_id = 0;
  self->key_page = add_combo (group, _ ("Quick-key page"));
  for (guint i = 0; i < pages->len; i++)
    {
      PosQuickKeyPage *page = g_ptr_array_index (pages, i);

      gtk_string_list_append (names, page->name);
      g_array_append_val (self->page_ids, page->id);
    }
  adw_combo_row_set_model (self->key_page, G_LIST_MODEL (names));
  for (guint i = 0; i < self->page_ids->len; i++)
    if (g_array_index (self->page_ids, gint64, i) == place.page_id)
      adw_combo_row_set_selected (self->key_page, i);
  return place.page_id != 0 ? g_strdup_printf ("%d", place.position + 1) : NULL;
}

/* What the shelf label needs for a unit price (the content of a pack) and
 * how the product looks on the sale screen's quick keys. */
static void
build_label_rows (PosProductDialog *self, AdwPreferencesGroup *group)
{
  const PosProduct *p = self->product;
  const char *bases[] = { _ ("1 kg, 1 l or 1 m"), _ ("100 g or 100 ml"), NULL };
  g_autofree char *qty = p->content_qty > 0 ? pos_qty_to_string (p->content_qty) : NULL;
  g_autofree char *content = qty != NULL ? g_strdup_printf ("%s %s", qty, p->content_unit) : NULL;
  g_autofree char *position = NULL;

  adw_preferences_group_set_title (group, _ ("Shelf label and quick key"));
  self->content = add_entry (group, _ ("Content of a pack (e.g. 0.5 l, 0.25 kg, 10 m)"), content);
  self->unit_base = add_combo (group, _ ("Unit price per"));
  adw_combo_row_set_model (self->unit_base, G_LIST_MODEL (gtk_string_list_new (bases)));
  g_object_unref (adw_combo_row_get_model (self->unit_base));
  adw_combo_row_set_selected (self->unit_base, p->unit_price_base == 100 ? 1 : 0);
  self->key_colour = add_entry (group, _ ("Quick-key colour (#rrggbb)"), p->quick_key_colour);
  add_colour_button (self);
  position = add_key_page_row (self, group);
  self->key_position = add_entry (group, _ ("Quick-key position (1 is the first key)"), position);
  add_picture_row (self, group);
}

/* A variant's product and options; a product that is one already keeps
 * its product. For a variant the price may stay empty: its product's. */
static void
build_variant_rows (PosProductDialog *self, AdwPreferencesGroup *group)
{
  const PosProduct *p = self->product;
  g_autoptr (PosProduct) parent
      = p->parent_id ? pos_catalog_get (pos_context_get_store (self->context), p->parent_id, NULL) : NULL;
  g_auto (GStrv) lines = g_strsplit (p->variant_options ? p->variant_options : "", "\n", -1);
  g_autofree char *options = g_strjoinv (", ", lines);

  adw_preferences_group_set_title (group, "Variant");
  adw_preferences_group_set_description (
      group, "Sold in options, e.g. size=M, colour=red: the product it is a variant of, by SKU or barcode");
  self->parent = add_entry (group, "Variant of", parent ? parent->sku : NULL);
  gtk_editable_set_editable (GTK_EDITABLE (self->parent), p->id == 0);
  self->options = add_entry (group, "Options", options);
  if (p->parent_id != 0 && !p->own_price)
    gtk_editable_set_text (GTK_EDITABLE (self->price), "");
}

static GtkWidget *
build_header (PosProductDialog *self)
{
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *save = gtk_button_new_with_mnemonic (_ ("_Save"));
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_ ("_Cancel"));

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_widget_add_css_class (save, "suggested-action");
  g_signal_connect_swapped (save, "clicked", G_CALLBACK (on_save_clicked_cb), self);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), save);
  gtk_window_set_default_widget (GTK_WINDOW (self), save);
  return header;
}

static void
build (PosProductDialog *self, const char *code)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *page = adw_preferences_page_new ();
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  gtk_box_append (GTK_BOX (box), build_header (self));
  self->problem = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->problem, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->problem), "error");
  gtk_widget_set_margin_top (GTK_WIDGET (self->problem), 12);
  gtk_widget_set_visible (GTK_WIDGET (self->problem), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->problem));
  build_rows (self, group, code);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), group);
  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  build_label_rows (self, group);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), group);
  if (!self->product->has_variants) /* a product sold in variants is not one itself */
    {
      AdwPreferencesGroup *variant = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

      build_variant_rows (self, variant);
      adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), variant);
    }
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (self), box);
  gtk_window_set_title (GTK_WINDOW (self), self->product->id ? self->product->sku : _ ("New product"));
  gtk_window_set_default_size (GTK_WINDOW (self), 520, 680);
  gtk_widget_grab_focus (GTK_WIDGET (self->name));
}

static void
pos_product_dialog_finalize (GObject *object)
{
  PosProductDialog *self = POS_PRODUCT_DIALOG (object);

  g_clear_object (&self->context);
  g_clear_pointer (&self->product, pos_product_free);
  g_clear_pointer (&self->tax_ids, g_ptr_array_unref);
  g_clear_pointer (&self->page_ids, g_array_unref);
  g_clear_pointer (&self->image_path, g_free);
  g_clear_object (&self->image_folder);
  G_OBJECT_CLASS (pos_product_dialog_parent_class)->finalize (object);
}

static void
pos_product_dialog_class_init (PosProductDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = pos_product_dialog_finalize;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  signals[SIGNAL_SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                        NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
pos_product_dialog_init (PosProductDialog *self)
{
  self->tax_ids = g_ptr_array_new_with_free_func (g_free);
  self->page_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

PosProductDialog *
pos_product_dialog_present (GtkWidget *parent, PosContext *context, gint64 product_id, const char *code)
{
  g_autoptr (GError) error = NULL;
  PosProductDialog *self;
  PosProduct *product = product_id ? pos_catalog_get (pos_context_get_store (context), product_id, &error)
                                   : pos_product_new ();

  if (product == NULL)
    {
      g_printerr ("%s\n", error->message);
      return NULL;
    }
  self = g_object_new (POS_TYPE_PRODUCT_DIALOG, "modal", TRUE, "transient-for", gtk_widget_get_root (parent),
                       NULL);
  self->context = g_object_ref (context);
  self->product = product;
  build (self, code);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}
