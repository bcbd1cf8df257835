/* pos-demo-catalog.c — the corner shop's categories, suppliers and
 * products, saved through pos_catalog_save() like an owner's edits.
 *
 * Packed goods get EAN-13 codes in GS1 Germany's 400–439 range, one made-up
 * company prefix per brand; papers get ISSN codes (977); loose goods get
 * in-store item numbers on the prefixes of the shop's scale layouts, keyed
 * the way pos_barcode_parse() keys the labels the scale prints. Stamps,
 * vouchers and flowers have no code: the cashier types their SKU.
 */
#include "pos-demo-private.h"

#include <glib/gi18n-lib.h>

#include "pos-barcode.h"
#include "pos-catalog.h"
#include "pos-store-private.h"

/* Price steps of a product's sizes, in percent of the first size. */
static const gint64 size_factor[] = { 100, 170, 300, 520 };

typedef struct
{
  char prefix[8]; /* GS1 company prefix: 7 digits */
  guint next;     /* next item reference */
} Company;

typedef struct
{
  guint item, variant, size, brand;
} Candidate;

typedef struct
{
  gint64 id;
  gint64 rate_bp;
} TaxRate;

typedef struct
{
  PosDemo *demo;
  PosDemoRng rng;
  TaxRate taxes[3];       /* A, B, C */
  GHashTable *categories; /* name → gint64 id, in a GINT_TO_POINTER-free box */
  GHashTable *companies;  /* brand → Company */
} Builder;

/* Splits an item spec "Name*|cents|size|size" into its parts. */
void
pos_demo_item_spec_parse (const char *text, PosDemoItemSpec *spec)
{
  gsize len;

  spec->parts = g_strsplit (text, "|", -1);
  g_assert (g_strv_length (spec->parts) >= 2);
  len = strlen (spec->parts[0]);
  spec->has_variants = len > 0 && spec->parts[0][len - 1] == '*';
  spec->name = g_strndup (spec->parts[0], spec->has_variants ? len - 1 : len);
  spec->cents = g_ascii_strtoll (spec->parts[1], NULL, 10);
  spec->n_sizes = g_strv_length (spec->parts) - 2;
  spec->sizes = spec->parts + 2;
  g_assert (spec->cents > 0 && spec->n_sizes < G_N_ELEMENTS (size_factor));
}

void
pos_demo_item_spec_clear (PosDemoItemSpec *spec)
{
  g_clear_pointer (&spec->parts, g_strfreev);
  g_clear_pointer (&spec->name, g_free);
}

/* The price of size @size (0 = the first) of an item that costs @cents in its first. */
gint64
pos_demo_size_price (gint64 cents, guint size)
{
  g_assert (size < G_N_ELEMENTS (size_factor));
  return cents * size_factor[size] / 100;
}

static gint64
category_id (Builder *b, const char *name)
{
  gint64 *id = g_hash_table_lookup (b->categories, name);

  g_assert (id != NULL);
  return *id;
}

static gboolean
insert_categories (Builder *b, GError **error)
{
  static const char sql[] = "INSERT INTO category (name, parent_id) VALUES (?1, ?2)";

  for (const PosDemoCategory *c = pos_demo_categories; c->name != NULL; c++)
    {
      g_autoptr (PosStmt) stmt = pos_store_prepare (b->demo->store, sql, error);
      gint64 *id = g_new (gint64, 1);

      g_hash_table_insert (b->categories, (gpointer)c->name, id);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, c->name, -1, SQLITE_STATIC);
      if (c->parent != NULL)
        sqlite3_bind_int64 (stmt, 2, category_id (b, c->parent));
      if (!pos_store_step_done (b->demo->store, stmt, error))
        return FALSE;
      *id = sqlite3_last_insert_rowid (pos_store_db (b->demo->store));
    }
  return TRUE;
}

static gboolean
insert_suppliers (Builder *b, GError **error)
{
  static const char sql[]
      = "INSERT INTO supplier (name, is_local, distance_km, phone, email) VALUES (?1, ?2, ?3, ?4, ?5)";

  for (const PosDemoSupplier *s = pos_demo_suppliers; s->name != NULL; s++)
    {
      g_autoptr (PosStmt) stmt = pos_store_prepare (b->demo->store, sql, error);
      gint64 id;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, s->name, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 2, s->is_local);
      sqlite3_bind_int64 (stmt, 3, s->distance_km);
      sqlite3_bind_text (stmt, 4, s->phone, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, s->email, -1, SQLITE_STATIC);
      if (!pos_store_step_done (b->demo->store, stmt, error))
        return FALSE;
      id = sqlite3_last_insert_rowid (pos_store_db (b->demo->store));
      g_array_append_val (b->demo->suppliers, id);
    }
  return TRUE;
}

static gboolean
load_tax_rates (Builder *b, GError **error)
{
  static const char sql[] = "SELECT id, rate_bp FROM tax_rate WHERE code = ?1";
  static const char *const codes[] = { "A", "B", "C" };

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autoptr (PosStmt) stmt = pos_store_prepare (b->demo->store, sql, error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, codes[i], -1, SQLITE_STATIC);
      rc = pos_store_step_row (b->demo->store, stmt, error);
      if (rc < 0)
        return FALSE;
      if (rc == SQLITE_DONE)
        return g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("No tax rate with code “%s”"),
                            codes[i]),
               FALSE;
      b->taxes[i] = (TaxRate){ sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };
    }
  return TRUE;
}

static const TaxRate *
tax_rate (Builder *b, const char *code)
{
  g_assert (code[0] >= 'A' && code[0] <= 'C' && code[1] == '\0');
  return &b->taxes[code[0] - 'A'];
}

static gint64
supplier_id (Builder *b, int index)
{
  return index < 0 ? 0 : g_array_index (b->demo->suppliers, gint64, index);
}

/* Records @scanned's lookup key as taken; FALSE when it already was (or is
 * not a valid code, which would be a bug here). */
static char *
claim_key (Builder *b, const char *scanned)
{
  g_autoptr (PosBarcode) code = pos_barcode_parse (scanned, b->demo->layouts, NULL);

  g_assert (code != NULL);
  if (g_hash_table_contains (b->demo->codes, code->key))
    return NULL;
  g_hash_table_add (b->demo->codes, g_strdup (code->key));
  return g_strdup (code->key);
}

static Company *
company_for (Builder *b, const char *brand)
{
  Company *company = g_hash_table_lookup (b->companies, brand);

  if (company == NULL)
    {
      company = g_new0 (Company, 1);
      g_snprintf (company->prefix, sizeof company->prefix, "4%01u%05u",
                  (guint)pos_demo_rng_below (&b->rng, 4), (guint)pos_demo_rng_below (&b->rng, 100000));
      company->next = (guint)pos_demo_rng_between (&b->rng, 1000, 60000);
      g_hash_table_insert (b->companies, (gpointer)brand, company);
    }
  return company;
}

/* A new, unused EAN-13 of @brand's company (an ISSN code for the papers). */
static char *
new_ean (Builder *b, const char *brand, gboolean press)
{
  for (;;)
    {
      char digits[14];
      char *key;

      if (press)
        g_snprintf (digits, 13, "977%07u00", (guint)pos_demo_rng_below (&b->rng, 10000000));
      else
        {
          Company *company = company_for (b, brand);
          company->next += (guint)pos_demo_rng_between (&b->rng, 1, 7);
          g_snprintf (digits, 13, "%s%05u", company->prefix, company->next % 100000);
        }
      digits[12] = pos_gtin_check_digit (digits);
      digits[13] = '\0';
      key = claim_key (b, digits);
      if (key != NULL)
        return key;
    }
}

/* The net price times a margin: what the shop paid. */
static PosAmount
cost_of (Builder *b, PosAmount price, gint64 rate_bp)
{
  PosAmount net = 0, cost = 0;

  pos_amount_mul_div (price, 10000, 10000 + rate_bp, &net, NULL);
  pos_amount_mul_div (net, pos_demo_rng_between (&b->rng, 55, 75), 100, &cost, NULL);
  return cost;
}

typedef struct
{
  const char *category;
  const char *tax_code;
  gint64 supplier_id;
  guint popularity;
  guint rank;
  gboolean morning;
} Shelf;

/* Saves one product and its item for the history; the item's code is
 * the demo's from then on. */
static gboolean
save_product (Builder *b, PosProduct *p, const Shelf *shelf, PosDemoItem *item, GError **error)
{
  const TaxRate *tax = tax_rate (b, shelf->tax_code);

  p->tax_rate_id = tax->id;
  p->cost = cost_of (b, p->price, tax->rate_bp);
  p->category_id = category_id (b, shelf->category);
  p->supplier_id = shelf->supplier_id;
  if (!pos_catalog_save (b->demo->store, p, error))
    {
      g_free (item->code);
      return FALSE;
    }
  item->id = p->id;
  item->price = p->price;
  item->supplier_id = p->supplier_id;
  item->reorder_level = p->reorder_level;
  item->popularity = (guint32)(shelf->popularity * 10000u / (shelf->rank + 3));
  item->morning = shelf->morning;
  g_array_append_val (b->demo->items, *item);
  return TRUE;
}

static char *
product_name (const char *brand, const PosDemoItemSpec *spec, const char *variant, const char *size)
{
  GString *name = g_string_new (brand);

  if (name->len > 0)
    g_string_append_c (name, ' ');
  g_string_append (name, spec->name);
  if (variant != NULL)
    g_string_append_printf (name, " %s", variant);
  if (size != NULL)
    g_string_append_printf (name, " %s", size);
  return g_string_free (name, FALSE);
}

/* Every brand × item × variant × size of @family. */
static GArray *
family_candidates (const PosDemoFamily *family)
{
  GArray *all = g_array_new (FALSE, FALSE, sizeof (Candidate));

  for (guint i = 0; family->items[i] != NULL; i++)
    {
      g_auto (PosDemoItemSpec) spec = { 0 };
      guint n_variants = 1;

      pos_demo_item_spec_parse (family->items[i], &spec);
      if (spec.has_variants)
        n_variants = g_strv_length ((char **)family->variants);
      for (guint v = 0; v < n_variants; v++)
        for (guint s = 0; s < MAX (spec.n_sizes, 1); s++)
          for (guint br = 0; family->brands[br] != NULL; br++)
            {
              Candidate c = { i, spec.has_variants ? v + 1 : 0, spec.n_sizes ? s + 1 : 0, br };
              g_array_append_val (all, c);
            }
    }
  return all;
}

/* The shelf order of the drawn candidates, for tidy SKUs. */
static int
compare_candidates (gconstpointer a, gconstpointer b)
{
  const Candidate *x = a, *y = b;

  if (x->item != y->item)
    return x->item < y->item ? -1 : 1;
  if (x->variant != y->variant)
    return x->variant < y->variant ? -1 : 1;
  if (x->size != y->size)
    return x->size < y->size ? -1 : 1;
  return x->brand < y->brand ? -1 : x->brand > y->brand;
}

/* Draws @family->quota products at random from its candidates. */
static GArray *
draw_candidates (Builder *b, const PosDemoFamily *family)
{
  g_autoptr (GArray) all = family_candidates (family);
  GArray *drawn = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autofree guint *order = g_new (guint, all->len);
  guint n = MIN (family->quota, all->len);

  for (guint i = 0; i < all->len; i++)
    order[i] = i;
  pos_demo_rng_shuffle (&b->rng, order, all->len);
  for (guint i = 0; i < n; i++)
    g_array_append_val (drawn, g_array_index (all, Candidate, order[i]));
  g_array_sort (drawn, compare_candidates);
  return drawn;
}

/* The store brand is cheaper; other brands vary a little around the list price. */
static gint64
brand_percent (Builder *b, const char *brand)
{
  if (g_str_equal (brand, "Mainstreet"))
    return 85;
  return 100 + (gint64)(g_str_hash (brand) % 21) - 6;
}

static gboolean
add_family_product (Builder *b, const PosDemoFamily *family, const Candidate *c, guint number, guint rank,
                    guint n_drawn, GError **error)
{
  g_auto (PosDemoItemSpec) spec = { 0 };
  g_autoptr (PosProduct) p = pos_product_new ();
  const char *brand = family->brands[c->brand];
  const char *variant = c->variant ? family->variants[c->variant - 1] : NULL;
  Shelf shelf = { family->category,
                  family->tax_code,
                  supplier_id (b, family->supplier),
                  family->popularity,
                  rank,
                  (family->flags & POS_DEMO_MORNING) != 0 };
  PosDemoItem item = { .kind = POS_DEMO_PACKED };
  gboolean exact = (family->flags & POS_DEMO_EXACT_PRICE) != 0;
  gint64 cents;

  pos_demo_item_spec_parse (family->items[c->item], &spec);
  cents = pos_demo_size_price (spec.cents, c->size ? c->size - 1 : 0);
  cents = exact ? cents : cents * brand_percent (b, brand) / 100;
  p->sku = g_strdup_printf ("%s-%04u", family->sku_prefix, number);
  p->name = product_name (brand, &spec, variant, c->size ? spec.sizes[c->size - 1] : NULL);
  p->price = pos_demo_price (b->demo, cents, !exact);
  p->reorder_level = pos_demo_rng_between (&b->rng, 2, 12) * POS_QTY_ONE;
  item.neglected = family->popularity <= 3 && rank >= n_drawn / 2 && pos_demo_rng_chance (&b->rng, 60);
  if (*brand != '\0' || (family->flags & POS_DEMO_PRESS))
    item.code = new_ean (b, brand, (family->flags & POS_DEMO_PRESS) != 0);
  else
    item.code = g_strdup (p->sku);
  if (!save_product (b, p, &shelf, &item, error))
    return FALSE;
  if (*brand == '\0' && !(family->flags & POS_DEMO_PRESS))
    return TRUE;
  if (!pos_catalog_add_barcode (b->demo->store, p->id, item.code, error))
    return FALSE;
  /* Some products kept the code of their old packaging as well. */
  if (*brand != '\0' && pos_demo_rng_chance (&b->rng, 30))
    {
      g_autofree char *old = new_ean (b, brand, FALSE);
      return pos_catalog_add_barcode (b->demo->store, p->id, old, error);
    }
  return TRUE;
}

static gboolean
add_family (Builder *b, const PosDemoFamily *family, GError **error)
{
  g_autoptr (GArray) drawn = draw_candidates (b, family);
  g_autofree guint *ranks = g_new (guint, drawn->len);

  for (guint i = 0; i < drawn->len; i++)
    ranks[i] = i;
  pos_demo_rng_shuffle (&b->rng, ranks, drawn->len);
  for (guint i = 0; i < drawn->len; i++)
    if (!add_family_product (b, family, &g_array_index (drawn, Candidate, i), i + 1, ranks[i], drawn->len,
                             error))
      return FALSE;
  return TRUE;
}

/* What a scale prints for @value (grams, or minor units on a price
 * prefix), in the layout's decimals. */
static gint64
label_value (const PosDemo *demo, const PosBarcodeLayout *layout, gint64 value)
{
  int from = layout->kind == POS_BARCODE_LAYOUT_WEIGHT ? 3 : demo->currency->exponent;
  int decimals = layout->decimals;

  if (layout->kind == POS_BARCODE_LAYOUT_PRICE && decimals == POS_BARCODE_LAYOUT_MINOR_UNITS)
    return value;
  for (; decimals > from; decimals--)
    value *= 10;
  for (; decimals < from; decimals++)
    value /= 10;
  return value;
}

/*
 * The label a scale or label printer makes for @item with @value (grams
 * for a weighed item, minor units for a price label), laid out as the
 * shop's layout for the item's prefix says: item digits, value digits,
 * the price check digit where the layout has one, the EAN check digit.
 */
char *
pos_demo_scale_label (const PosDemo *demo, const PosDemoItem *item, gint64 value)
{
  const PosBarcodeLayout *layout = pos_barcode_layouts_lookup (demo->layouts, item->prefix);
  char p_digits[16], v_digits[16], code[14];
  guint n_p = 0, n_v = 0, ip = 0, iv = 0;

  g_assert (layout != NULL);
  for (guint i = 0; i < 12; i++)
    {
      n_p += layout->pattern[i] == 'P';
      n_v += layout->pattern[i] == 'V';
    }
  g_snprintf (p_digits, sizeof p_digits, "%02u%0*u", item->prefix, (int)n_p - 2, item->item);
  g_snprintf (v_digits, sizeof v_digits, "%0*" G_GINT64_FORMAT, (int)n_v, label_value (demo, layout, value));
  g_assert (strlen (p_digits) == n_p && strlen (v_digits) == n_v);
  for (guint i = 0; i < 12; i++)
    if (layout->pattern[i] == 'P')
      code[i] = p_digits[ip++];
    else if (layout->pattern[i] == 'V')
      code[i] = v_digits[iv++];
    else
      code[i] = (char)('0' + pos_price_check_digit (v_digits, n_v));
  code[12] = '\0';
  code[12] = pos_gtin_check_digit (code);
  code[13] = '\0';
  return g_strdup (code);
}

static gboolean
add_loose (Builder *b, const PosDemoLoose *group, guint index, guint rank, GError **error)
{
  const PosBarcodeLayout *layout = pos_barcode_layouts_lookup (b->demo->layouts, group->prefix);
  gboolean weighed = layout != NULL && layout->kind == POS_BARCODE_LAYOUT_WEIGHT;
  Shelf shelf = {
    group->category, group->tax_code, supplier_id (b, group->supplier), group->popularity, rank, FALSE
  };
  PosDemoItem item = { .kind = weighed ? POS_DEMO_WEIGHED : POS_DEMO_PRICE_LABEL,
                       .prefix = group->prefix,
                       .item = group->first_item + index };
  g_autoptr (PosProduct) p = pos_product_new ();
  g_auto (PosDemoItemSpec) spec = { 0 };
  g_autofree char *label = NULL;

  if (layout == NULL)
    return g_set_error (
               error, POS_ERROR, POS_ERROR_INVALID,
               _ ("The shop's barcode layouts have none for prefix %02u, which the demo's scales use"),
               group->prefix),
           FALSE;
  pos_demo_item_spec_parse (group->items[index], &spec);
  p->sku = g_strdup_printf ("PLU%u", item.item);
  p->name = g_strdup (spec.name);
  g_free (p->unit);
  p->unit = g_strdup (weighed ? "kg" : "each");
  p->price = pos_demo_price (b->demo, spec.cents, TRUE);
  p->reorder_level = pos_demo_rng_between (&b->rng, weighed ? 1 : 2, weighed ? 5 : 6) * POS_QTY_ONE;
  label = pos_demo_scale_label (b->demo, &item, weighed ? 1000 : p->price);
  item.code = claim_key (b, label);
  g_assert (item.code != NULL);
  return save_product (b, p, &shelf, &item, error)
         && pos_catalog_add_barcode (b->demo->store, p->id, item.code, error);
}

static gboolean
add_loose_group (Builder *b, const PosDemoLoose *group, GError **error)
{
  guint n = g_strv_length ((char **)group->items);
  g_autofree guint *ranks = g_new (guint, n);

  for (guint i = 0; i < n; i++)
    ranks[i] = i;
  pos_demo_rng_shuffle (&b->rng, ranks, n);
  for (guint i = 0; i < n; i++)
    if (!add_loose (b, group, i, ranks[i], error))
      return FALSE;
  return TRUE;
}

static gboolean
add_products (Builder *b, GError **error)
{
  for (const PosDemoFamily *f = pos_demo_families; f->category != NULL; f++)
    if (!add_family (b, f, error))
      return FALSE;
  for (const PosDemoLoose *l = pos_demo_loose; l->category != NULL; l++)
    if (!add_loose_group (b, l, error))
      return FALSE;
  return TRUE;
}

/*
 * Makes the corner shop's categories, suppliers and products (with their
 * journal events) in one transaction, and fills demo->items for the
 * history. The tax rates A, B and C must exist. Uses its own random
 * stream, so the catalog depends on the seed alone.
 */
gboolean
pos_demo_catalog_build (PosDemo *demo, GError **error)
{
  Builder b = { .demo = demo };
  gboolean ok;

  pos_demo_rng_init (&b.rng, demo->options.seed, 1);
  b.categories = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  b.companies = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  ok = pos_store_begin (demo->store, error);
  if (ok)
    {
      ok = load_tax_rates (&b, error) && insert_categories (&b, error) && insert_suppliers (&b, error)
           && add_products (&b, error) && pos_store_commit (demo->store, error);
      if (!ok)
        pos_store_rollback (demo->store);
    }
  g_hash_table_unref (b.categories);
  g_hash_table_unref (b.companies);
  return ok;
}

/* Categories and suppliers alone, inside the caller's transaction: the
 * bulk catalog's shelves. */
gboolean
pos_demo_catalog_base (PosDemo *demo, GError **error)
{
  Builder b = { .demo = demo };
  gboolean ok;

  b.categories = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  ok = insert_categories (&b, error) && insert_suppliers (&b, error);
  g_hash_table_unref (b.categories);
  return ok;
}

void
pos_demo_item_clear (PosDemoItem *item)
{
  g_clear_pointer (&item->code, g_free);
}
