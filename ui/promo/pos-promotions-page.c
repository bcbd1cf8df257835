/* pos-promotions-page.c — the owner's promotions (see pos-promotions-page.h).
 *
 * The list is read again each time the page is shown and after each
 * change: a shop has tens of promotions, not thousands. Creating, changing and
 * ending one are app/promo/'s, with its checks and its journal events.
 */
#include "pos-promotions-page.h"

#include <glib/gi18n-lib.h>

#include "pos-ask.h"
#include "pos-catalog.h"
#include "pos-clock.h"
#include "pos-format.h"
#include "pos-product-edit.h"
#include "pos-promo-text.h"
#include "pos-promotion-form.h"
#include "pos-promotion.h"
#include "pos-window.h"

struct _PosPromotionsPage
{
  GtkWidget parent_instance;

  GtkWidget *page; /* AdwPreferencesPage */
  GtkWidget *groups[3];
  GtkWidget *rows[3]; /* the rows added last, per group, to take out again */
};

G_DEFINE_FINAL_TYPE (PosPromotionsPage, pos_promotions_page, GTK_TYPE_WIDGET)

enum
{
  SIGNAL_ADD_TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum
{
  RUNNING,
  SCHEDULED,
  ENDED
};

/* The kinds offered, in the dialog's order. */
typedef struct
{
  const char *label;
  PosPromoKind kind;
  gboolean members_only;
} KindChoice;

static const KindChoice kinds[] = {
  { N_ ("Multi-buy: buy N, pay for M (3 for 2; mix and match over several products)"), POS_PROMO_MULTIBUY,
    FALSE },
  { N_ ("N for an amount (2 for 5.00)"), POS_PROMO_MULTIPRICE, FALSE },
  { N_ ("Bundle: one of each product for an amount"), POS_PROMO_BUNDLE, FALSE },
  { N_ ("Percent off (a category or products)"), POS_PROMO_PERCENT, FALSE },
  { N_ ("Amount off each unit"), POS_PROMO_AMOUNT, FALSE },
  { N_ ("Members' price (loyalty customers)"), POS_PROMO_PRICE, TRUE },
  { N_ ("Special price for everyone"), POS_PROMO_PRICE, FALSE },
};

enum
{
  F_NAME,
  F_BUY,
  F_PAY,
  F_VALUE,
  F_PRODUCTS,
  F_CATEGORY,
  F_BRAND,
  F_COUPON,
  F_DAYS,
  F_HOURS,
  F_FROM,
  F_TO,
  N_FIELDS
};

static PosContext *
context_of (PosPromotionsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return POS_IS_WINDOW (root) ? pos_window_get_context (POS_WINDOW (root)) : NULL;
}

static void
toast (PosPromotionsPage *self, const char *message)
{
  g_autoptr (AdwToast) toast = adw_toast_new (message);

  g_signal_emit (self, signals[SIGNAL_ADD_TOAST], 0, toast);
}

static int
state_of (const PosPromotion *p, gint64 now_us)
{
  if (p->ends_us != 0 && p->ends_us <= now_us)
    return ENDED;
  return p->starts_us > now_us ? SCHEDULED : RUNNING;
}

/* "3 for 2 · 12 products · coupon SPRING · mon-fri 17:00–19:00" */
static char *
describe (PosContext *context, const PosPromotion *p)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_autofree char *money = pos_context_format_amount (context, p->value);

  switch (p->kind)
    {
      case POS_PROMO_MULTIBUY:
        g_string_append_printf (text, _ ("Buy %lld, pay for %lld"), (long long)p->buy_qty,
                                (long long)p->pay_qty);
        break;
      case POS_PROMO_MULTIPRICE:
        g_string_append_printf (text, _ ("%lld for %s"), (long long)p->buy_qty, money);
        break;
      case POS_PROMO_BUNDLE:
        g_string_append_printf (text, _ ("Bundle for %s"), money);
        break;
      case POS_PROMO_PERCENT:
        g_string_append_printf (text, _ ("%lld.%02lld %% off"), (long long)p->value / 100,
                                (long long)p->value % 100);
        break;
      case POS_PROMO_AMOUNT:
        g_string_append_printf (text, _ ("%s off each"), money);
        break;
      case POS_PROMO_PRICE:
      default:
        g_string_append_printf (text, p->members_only ? _ ("Members pay %s") : _ ("Price %s"), money);
        break;
    }
  if (p->brand != NULL)
    g_string_append_printf (text, _ (" · brand %s"), p->brand);
  if (p->products->len > 0)
    {
      g_autofree char *n = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE, "%u product", "%u products", p->products->len), p->products->len);
      g_string_append_printf (text, " · %s", n);
    }
  if (p->coupon != NULL)
    g_string_append_printf (text, _ (" · coupon %s"), p->coupon);
  if ((p->weekdays & 0x7f) != 0x7f || p->minute_from != 0 || p->minute_to != 1440)
    g_string_append (text, _ (" · at set times"));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void on_end_clicked_cb (GtkButton *button, PosPromotionsPage *self);
static void on_edit_clicked_cb (GtkButton *button, PosPromotionsPage *self);

/* A button of a row: @label shown, @name for screen readers and tests. */
static GtkWidget *
row_button (PosPromotionsPage *self, const PosPromotion *p, const char *label, const char *name,
            GCallback callback)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data_full (G_OBJECT (button), "pos-uid", g_strdup (p->uid), g_free);
  g_object_set_data_full (G_OBJECT (button), "pos-name", g_strdup (p->name), g_free);
  g_signal_connect (button, "clicked", callback, self);
  return button;
}

static GtkWidget *
new_row (PosPromotionsPage *self, PosContext *context, const PosPromotion *p, int state)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = describe (context, p);
  g_autofree char *title = g_markup_escape_text (p->name, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (state != ENDED)
    {
      GtkWidget *edit = row_button (self, p, C_ ("promotion", "Change"), _ ("Change this promotion"),
                                    G_CALLBACK (on_edit_clicked_cb));

      adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 row_button (self, p, C_ ("promotion", "End"), _ ("End this promotion"),
                                             G_CALLBACK (on_end_clicked_cb)));
      /* Enter on the row changes it: the keyboard's way in. */
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), edit);
    }
  return row;
}

static void
clear_groups (PosPromotionsPage *self)
{
  for (int g = 0; g < 3; g++)
    {
      GPtrArray *rows = g_object_get_data (G_OBJECT (self->groups[g]), "pos-rows");

      for (guint i = 0; rows != NULL && i < rows->len; i++)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->groups[g]), g_ptr_array_index (rows, i));
      g_object_set_data_full (G_OBJECT (self->groups[g]), "pos-rows", g_ptr_array_new (),
                              (GDestroyNotify)g_ptr_array_unref);
    }
}

static void
reload (PosPromotionsPage *self)
{
  PosContext *context = context_of (self);
  gint64 now = pos_clock_now_us ();
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GError) error = NULL;

  clear_groups (self);
  if (context == NULL)
    return;
  if ((list = pos_promotion_list (pos_context_get_store (context), TRUE, now, &error)) == NULL)
    {
      toast (self, error->message);
      return;
    }
  for (guint i = 0; i < list->len; i++)
    {
      const PosPromotion *p = g_ptr_array_index (list, i);
      int state = state_of (p, now);
      GtkWidget *row = new_row (self, context, p, state);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->groups[state]), row);
      g_ptr_array_add (g_object_get_data (G_OBJECT (self->groups[state]), "pos-rows"), row);
    }
}

static void
on_end_clicked_cb (GtkButton *button, PosPromotionsPage *self)
{
  PosContext *context = context_of (self);
  const char *uid = g_object_get_data (G_OBJECT (button), "pos-uid");
  g_autoptr (GError) error = NULL;
  g_autofree char *done = NULL;

  if (context == NULL)
    return;
  if (!pos_promotion_end (pos_context_get_store (context), pos_context_get_user (context), uid, &error))
    {
      toast (self, error->message);
      return;
    }
  done = g_strdup_printf (_ ("Promotion “%s” ended"),
                          (const char *)g_object_get_data (G_OBJECT (button), "pos-name"));
  toast (self, done);
  reload (self);
}

/* An empty answer is "not given". */
static const char *
given (const char *const *answers, int field)
{
  const char *text = answers[field];

  return text != NULL && *text != '\0' ? text : NULL;
}

static gboolean
parse_count (const char *text, gint64 *out, GError **error)
{
  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_signed (text, 10, 1, 1000, out, NULL))
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("“%s” is not a number of items"), text),
           FALSE;
  return TRUE;
}

/* The value the kind takes: a percentage (two decimals, as basis points)
 * or an amount of the shop's currency. */
static gboolean
parse_value (PosContext *context, PosPromotion *p, const char *text, GError **error)
{
  if (p->kind == POS_PROMO_MULTIBUY)
    return TRUE;
  if (text == NULL)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("Give the price, percent or amount")), FALSE;
  if (p->kind == POS_PROMO_PERCENT)
    return pos_amount_parse_local (text, pos_currency_lookup ("EUR"), &p->value, error);
  return pos_amount_parse_local (text, pos_context_get_currency (context), &p->value, error);
}

static gboolean
parse_products (PosStore *store, const char *text, GArray *out, GError **error)
{
  g_auto (GStrv) keys = text != NULL ? g_strsplit (text, ",", -1) : NULL;

  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      g_autoptr (PosProduct) product = pos_catalog_lookup (store, g_strstrip (keys[i]), error);

      if (product == NULL)
        return FALSE;
      g_array_append_val (out, product->id);
    }
  return TRUE;
}

static gboolean
build (PosContext *context, const char *const *a, guint choice, PosPromotion *p, GError **error)
{
  PosStore *store = pos_context_get_store (context);
  const char *category = given (a, F_CATEGORY);

  if (given (a, F_NAME) == NULL)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("Give the promotion a name")), FALSE;
  p->name = g_strdup (a[F_NAME]);
  p->kind = kinds[choice].kind;
  p->members_only = kinds[choice].members_only;
  p->coupon = given (a, F_COUPON) ? g_ascii_strup (a[F_COUPON], -1) : NULL;
  p->brand = g_strdup (given (a, F_BRAND));
  if (category != NULL && (p->category_id = pos_catalog_ensure_category (store, category, error)) <= 0)
    return FALSE;
  return parse_count (given (a, F_BUY), &p->buy_qty, error)
         && parse_count (given (a, F_PAY), &p->pay_qty, error)
         && parse_value (context, p, given (a, F_VALUE), error)
         && parse_products (store, given (a, F_PRODUCTS), p->products, error)
         && (given (a, F_DAYS) == NULL || pos_promo_parse_days (a[F_DAYS], &p->weekdays, error))
         && (given (a, F_HOURS) == NULL
             || pos_promo_parse_hours (a[F_HOURS], &p->minute_from, &p->minute_to, error))
         && (given (a, F_FROM) == NULL || pos_promo_parse_day (a[F_FROM], FALSE, &p->starts_us, error))
         && (given (a, F_TO) == NULL || pos_promo_parse_day (a[F_TO], TRUE, &p->ends_us, error));
}

static void
on_new_answered_cb (const char *const *answers, guint choice, gpointer user_data)
{
  g_autoptr (PosPromotionsPage) self = user_data;
  PosContext *context = context_of (self);
  g_autoptr (PosPromotion) p = pos_promotion_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *done = NULL;

  if (answers == NULL || context == NULL || choice >= G_N_ELEMENTS (kinds))
    return;
  if (!build (context, answers, choice, p, &error)
      || !pos_promotion_add (pos_context_get_store (context), pos_context_get_user (context), p, &error))
    {
      toast (self, error->message);
      return;
    }
  done = g_strdup_printf (_ ("Promotion “%s” saved"), p->name);
  toast (self, done);
  reload (self);
}

/* The form's fields, titled in the shop's language. */
static void
field_titles (const char *titles[N_FIELDS + 1])
{
  titles[F_NAME] = _ ("Name, as the receipt shows it");
  titles[F_BUY] = _ ("Buy how many (multi-buy, N for an amount)");
  titles[F_PAY] = _ ("Pay for how many (multi-buy)");
  titles[F_VALUE] = _ ("Price, percent or amount off");
  titles[F_PRODUCTS] = _ ("Products: SKUs or barcodes, with commas");
  titles[F_CATEGORY] = _ ("Or a category");
  titles[F_BRAND] = _ ("Or a brand");
  titles[F_COUPON] = _ ("Coupon code (optional)");
  titles[F_DAYS] = _ ("Days, such as mon-fri (optional)");
  titles[F_HOURS] = _ ("Hours, such as 17:00-19:00 (optional)");
  titles[F_FROM] = _ ("First day, YYYY-MM-DD (optional)");
  titles[F_TO] = _ ("Last day, YYYY-MM-DD (optional)");
  titles[N_FIELDS] = NULL;
}

static void
present_form (PosPromotionsPage *self, const char *heading, const char *body, const char *const *values,
              guint choice, PosAskFormFunc callback, gpointer user_data)
{
  const char *titles[N_FIELDS + 1];
  const char *choices[G_N_ELEMENTS (kinds) + 1] = { NULL };

  field_titles (titles);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    choices[i] = _ (kinds[i].label);
  pos_promotion_form_present (GTK_WIDGET (self), heading, body, titles, values, choices, choice, callback,
                              user_data);
}

static void
new_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  present_form (POS_PROMOTIONS_PAGE (widget), _ ("New promotion"),
                _ ("Its kind, what it applies to and when"), NULL, 0, on_new_answered_cb,
                g_object_ref (widget));
}

/* What is being changed: the page and the promotion's uid. */
typedef struct
{
  PosPromotionsPage *page;
  char *uid;
  gboolean running;
} Change;

static void
change_free (Change *change)
{
  g_object_unref (change->page);
  g_free (change->uid);
  g_free (change);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Change, change_free)

static void
on_edit_answered_cb (const char *const *answers, guint choice, gpointer user_data)
{
  g_autoptr (Change) change = user_data;
  PosContext *context = context_of (change->page);
  g_autoptr (PosPromotion) p = pos_promotion_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *done = NULL;

  if (answers == NULL || context == NULL || choice >= G_N_ELEMENTS (kinds))
    return;
  if (!build (context, answers, choice, p, &error)
      || !pos_promotion_change (pos_context_get_store (context), pos_context_get_user (context), change->uid,
                                p, &error))
    {
      toast (change->page, error->message);
      return;
    }
  done = change->running ? g_strdup_printf (
             _ ("“%s” now runs as changed; sales made before keep the promotion they had"), p->name)
                         : g_strdup_printf (_ ("Promotion “%s” changed"), p->name);
  toast (change->page, done);
  reload (change->page);
}

/* The index in kinds[] of @p's kind. */
static guint
kind_choice (const PosPromotion *p)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (kinds[i].kind == p->kind && kinds[i].members_only == p->members_only)
      return i;
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (kinds[i].kind == p->kind)
      return i;
  return 0;
}

/* "TEA-1, MILK-2": the products as the form reads them back. */
static char *
product_keys (PosStore *store, const PosPromotion *p)
{
  g_autoptr (GPtrArray) skus = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < p->products->len; i++)
    {
      g_autoptr (PosProduct) product = pos_catalog_get (store, g_array_index (p->products, gint64, i), NULL);

      if (product != NULL)
        g_ptr_array_add (skus, g_strdup (product->sku));
    }
  g_ptr_array_add (skus, NULL);
  return skus->len > 1 ? g_strjoinv (", ", (char **)skus->pdata) : NULL;
}

/* @p as the form shows it: read back, it gives the same promotion. */
static void
fill_values (PosContext *context, const PosPromotion *p, char *values[N_FIELDS + 1])
{
  const PosCurrency *currency
      = p->kind == POS_PROMO_PERCENT ? pos_currency_lookup ("EUR") : pos_context_get_currency (context);
  PosStore *store = pos_context_get_store (context);

  values[F_NAME] = g_strdup (p->name);
  values[F_BUY] = p->buy_qty > 0 ? g_strdup_printf ("%lld", (long long)p->buy_qty) : NULL;
  values[F_PAY] = p->pay_qty > 0 ? g_strdup_printf ("%lld", (long long)p->pay_qty) : NULL;
  values[F_VALUE] = p->kind != POS_PROMO_MULTIBUY ? pos_amount_format_plain (p->value, currency) : NULL;
  values[F_PRODUCTS] = product_keys (store, p);
  values[F_CATEGORY] = pos_catalog_category_name (store, p->category_id);
  values[F_BRAND] = g_strdup (p->brand);
  values[F_COUPON] = g_strdup (p->coupon);
  values[F_DAYS] = pos_promo_format_days (p->weekdays);
  values[F_HOURS] = pos_promo_format_hours (p->minute_from, p->minute_to);
  values[F_FROM] = pos_promo_format_day (p->starts_us, FALSE);
  values[F_TO] = pos_promo_format_day (p->ends_us, TRUE);
  values[N_FIELDS] = NULL;
}

static void
on_edit_clicked_cb (GtkButton *button, PosPromotionsPage *self)
{
  PosContext *context = context_of (self);
  const char *uid = g_object_get_data (G_OBJECT (button), "pos-uid");
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GError) error = NULL;
  gint64 now = pos_clock_now_us ();
  char *values[N_FIELDS + 1] = { NULL };

  if (context == NULL)
    return;
  if ((list = pos_promotion_list (pos_context_get_store (context), FALSE, now, &error)) == NULL)
    {
      toast (self, error->message);
      return;
    }
  for (guint i = 0; i < list->len; i++)
    {
      const PosPromotion *p = g_ptr_array_index (list, i);
      Change *change;

      if (!g_str_equal (p->uid, uid))
        continue;
      change = g_new0 (Change, 1);
      change->page = g_object_ref (self);
      change->uid = g_strdup (uid);
      change->running = state_of (p, now) == RUNNING;
      fill_values (context, p, values);
      present_form (self, _ ("Change promotion"),
                    change->running
                        ? _ ("It is running: saving ends it now and starts the changed one in its "
                             "place. Sales already made keep the promotion they had.")
                        : _ ("It has not started yet: the change takes its place."),
                    (const char *const *)values, kind_choice (p), on_edit_answered_cb, change);
      for (guint f = 0; f < N_FIELDS; f++)
        g_free (values[f]);
      return;
    }
  toast (self, _ ("This promotion has ended meanwhile"));
  reload (self);
}

static void
pos_promotions_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (pos_promotions_page_parent_class)->map (widget);
  reload (POS_PROMOTIONS_PAGE (widget));
}

static void
pos_promotions_page_dispose (GObject *object)
{
  PosPromotionsPage *self = POS_PROMOTIONS_PAGE (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (pos_promotions_page_parent_class)->dispose (object);
}

static void
pos_promotions_page_class_init (PosPromotionsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pos_promotions_page_dispose;
  widget_class->map = pos_promotions_page_map;
  signals[SIGNAL_ADD_TOAST] = g_signal_new ("add-toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                            NULL, NULL, NULL, G_TYPE_NONE, 1, ADW_TYPE_TOAST);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_install_action (widget_class, "promotions.new", NULL, new_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "promotions.new", NULL);
}

static void
pos_promotions_page_init (PosPromotionsPage *self)
{
  const char *titles[] = { N_ ("Running"), N_ ("Scheduled"), N_ ("Ended") };
  GtkWidget *add = gtk_button_new_with_mnemonic (_ ("_New promotion (Ctrl+N)"));

  self->page = adw_preferences_page_new ();
  gtk_widget_set_parent (self->page, GTK_WIDGET (self));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "promotions.new");
  gtk_widget_add_css_class (add, "suggested-action");
  for (int g = 0; g < 3; g++)
    {
      self->groups[g] = adw_preferences_group_new ();
      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->groups[g]), _ (titles[g]));
      adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->page), ADW_PREFERENCES_GROUP (self->groups[g]));
    }
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self->groups[RUNNING]), add);
  clear_groups (self);
}
