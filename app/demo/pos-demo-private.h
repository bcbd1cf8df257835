/* pos-demo-private.h — what the parts of the demo shop generator share:
 * its random numbers, the catalog it made, the people in it and the clock
 * of its history. Not for use outside pos-demo*.c.
 */
#pragma once

#include "pos-barcode-layout.h"
#include "pos-demo.h"
#include "pos-money.h"
#include "pos-users.h"

G_BEGIN_DECLS

/* SplitMix64: small, fast, and the same numbers on every platform, so a
 * seed always makes the same shop (GRand takes only 32-bit seeds). */
typedef struct
{
  guint64 state;
} PosDemoRng;

void pos_demo_rng_init (PosDemoRng *rng, guint64 seed, guint64 stream);
guint64 pos_demo_rng_next (PosDemoRng *rng);
guint64 pos_demo_rng_below (PosDemoRng *rng, guint64 n);             /* [0, n) */
gint64 pos_demo_rng_between (PosDemoRng *rng, gint64 lo, gint64 hi); /* [lo, hi] */
gboolean pos_demo_rng_chance (PosDemoRng *rng, guint per_mille);
void pos_demo_rng_shuffle (PosDemoRng *rng, guint *values, guint n);

/* A weighted choice: items are added with integer weights and picked by
 * binary search over the running sums. */
typedef struct
{
  GArray *sums; /* guint64 */
} PosDemoPicker;

void pos_demo_picker_init (PosDemoPicker *picker);
void pos_demo_picker_add (PosDemoPicker *picker, guint64 weight);
guint pos_demo_picker_pick (const PosDemoPicker *picker, PosDemoRng *rng);
void pos_demo_picker_clear (PosDemoPicker *picker);

typedef enum
{
  POS_DEMO_PACKED,      /* scanned by its EAN-13 */
  POS_DEMO_WEIGHED,     /* per kg, scanned from a scale label with the weight in it */
  POS_DEMO_PRICE_LABEL, /* each, scanned from a label with the price in it */
} PosDemoKind;

/* One product of the corner shop, as the sales history needs it. */
typedef struct
{
  gint64 id;
  PosDemoKind kind;
  char *code;      /* PACKED: its EAN-13 */
  guint prefix;    /* WEIGHED, PRICE_LABEL: 20, 28, 29 */
  guint item;      /* WEIGHED, PRICE_LABEL: the item digits after the prefix */
  PosAmount price; /* per piece or per kg */
  guint32 popularity;
  gboolean morning;   /* bakery, papers, coffee: bought on the way to work */
  gboolean neglected; /* never reordered, so it ends the history low */
  gint64 supplier_id;
  PosQty reorder_level;
  PosQty daily_qty; /* what it sells on an average day, estimated */
} PosDemoItem;

typedef struct
{
  PosStore *store;
  PosDemoOptions options;
  PosDemoRng rng;
  const PosCurrency *currency;
  gint64 per_euro; /* minor units of the currency that one euro of the word lists is worth */
  PosBarcodeLayouts *layouts;
  char *till_id;

  GArray *items;     /* PosDemoItem, the corner shop's products */
  GHashTable *codes; /* barcode keys in use (owned strings) */
  GArray *suppliers; /* gint64 ids, in the order of the supplier table */
  GArray *customers; /* gint64 ids */
  PosUser *owner;
  PosUser *supervisor;
  PosUser *cashier;

  GDate first_day; /* the first day of the history */
  GDate last_day;  /* yesterday */
} PosDemo;

/* The word lists (pos-demo-words.c). */
typedef struct
{
  const char *name;
  gboolean is_local;
  gint64 distance_km;
  const char *phone;
  const char *email;
} PosDemoSupplier;

typedef struct
{
  const char *name;
  const char *parent; /* (nullable) */
} PosDemoCategory;

enum
{
  POS_DEMO_MORNING = 1 << 0,     /* bought on the way to work */
  POS_DEMO_PRESS = 1 << 1,       /* ISSN codes (977) instead of company EAN-13s */
  POS_DEMO_EXACT_PRICE = 1 << 2, /* stamps, vouchers: no .99 pricing */
};

/* A shelf: items are "Name|euro cents|size|size…", a name ending in '*'
 * comes in every variant. */
typedef struct
{
  const char *category;
  const char *sku_prefix;
  const char *tax_code;
  int supplier; /* index into pos_demo_suppliers, -1 = none */
  guint popularity;
  guint flags;
  guint quota; /* products drawn from brands × items × variants × sizes */
  const char *const *brands;
  const char *const *items;
  const char *const *variants; /* (nullable) */
} PosDemoFamily;

/* Loose goods on an in-store prefix: items are "Name|euro cents per kg (or
 * per piece on a price prefix)", numbered from @first_item. */
typedef struct
{
  const char *category;
  int supplier;
  guint prefix;
  guint first_item;
  const char *tax_code;
  guint popularity;
  const char *const *items;
} PosDemoLoose;

extern const PosDemoSupplier pos_demo_suppliers[];
extern const PosDemoCategory pos_demo_categories[];
extern const PosDemoFamily pos_demo_families[];
extern const PosDemoLoose pos_demo_loose[];

/* pos-demo.c */
gint64 pos_demo_local_us (const GDate *day, guint minute_of_day, guint second);
PosAmount pos_demo_price (PosDemo *demo, gint64 euro_cents, gboolean charm);

/* pos-demo-catalog.c: the corner shop's categories, suppliers, products. */
typedef struct
{
  char **parts;
  char *name; /* without the '*' */
  gboolean has_variants;
  gint64 cents;
  char **sizes; /* points into parts */
  guint n_sizes;
} PosDemoItemSpec;

void pos_demo_item_spec_parse (const char *text, PosDemoItemSpec *spec);
void pos_demo_item_spec_clear (PosDemoItemSpec *spec);
gint64 pos_demo_size_price (gint64 cents, guint size);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PosDemoItemSpec, pos_demo_item_spec_clear)
gboolean pos_demo_catalog_base (PosDemo *demo, GError **error);
gboolean pos_demo_catalog_build (PosDemo *demo, GError **error);
char *pos_demo_scale_label (const PosDemo *demo, const PosDemoItem *item, gint64 value);
void pos_demo_item_clear (PosDemoItem *item);

/* pos-demo-history.c: days of sales through the till's own code. */
PosQty pos_demo_whole (const PosDemoItem *item, PosQty qty);
void pos_demo_estimate_demand (PosDemo *demo);
gboolean pos_demo_history_run (PosDemo *demo, GError **error);

/* pos-demo-bulk.c: big stores for benchmarks. */
gboolean pos_demo_bulk_set_aside (PosStore *store, const char *table, const char *const *triggers,
                                  GPtrArray *create, GError **error);
gboolean pos_demo_bulk_restore (PosStore *store, GPtrArray *create, GError **error);
gboolean pos_demo_bulk_catalog (PosDemo *demo, guint n_products, GError **error);
gboolean pos_demo_bulk_history (PosDemo *demo, gint64 n_lines, GError **error);

G_END_DECLS
