/* pos-resilience-private.h — what the owner's page sections share. */
#pragma once

#include <glib/gi18n-lib.h>

#include "pos-money.h"
#include "pos-resilience.h"
#include "pos-store-private.h"

G_BEGIN_DECLS

/* One run of the report: the days it looks at and what sections pass on. */
typedef struct
{
  PosStore *store;
  const PosCurrency *currency;
  char today[11];     /* "YYYY-MM-DD" */
  char month[8];      /* the last full month, "YYYY-MM" */
  char months[12][8]; /* the 12 months ending with @month, oldest first */
  int drop_pct;       /* the chosen stress-test drop */
  const char *backup_folder;
  int dead_days; /* a product in stock unsold this long is dead stock */
} PosResilienceRun;

/* Fills the days of @run from @today ("YYYY-MM-DD"); FALSE when it is none. */
gboolean pos_resilience_run_init (PosResilienceRun *run, PosStore *store, const char *today, int drop_pct,
                                  const char *backup_folder);

/* The summary beside the store (pos-resilience-summary.c): attaches it as
 * "summary" and adds the sales written since its last run. */
gboolean pos_resilience_summary_refresh (PosStore *store, GError **error);

/* The sections, each adding itself to @sections. */
gboolean pos_resilience_today (PosResilienceRun *run, JsonArray *sections, GError **error);
gboolean pos_resilience_concentration (PosResilienceRun *run, JsonArray *sections, GError **error);
gboolean pos_resilience_local (PosResilienceRun *run, JsonArray *sections, GError **error);
gboolean pos_resilience_customers (PosResilienceRun *run, JsonArray *sections, GError **error);
gboolean pos_resilience_buffer (PosResilienceRun *run, JsonArray *sections, GError **error);
gboolean pos_resilience_stock (PosResilienceRun *run, JsonArray *sections, GError **error);
gboolean pos_resilience_safety (PosResilienceRun *run, JsonArray *sections, GError **error);

/* ---- building the JSON (pos-resilience.c) ------------------------------ */

/* A new section appended to @sections. Returns: (transfer none) */
JsonObject *pos_resilience_section (JsonArray *sections, const char *id, const char *title);

/* Appends a figure to @section. @value is NULL when the shop lacks the
 * data (status "missing", and @text says which data). */
void pos_resilience_figure (JsonObject *section, const char *id, const char *label, JsonNode *value,
                            const char *text, const char *status, const char *explains, const char *good);
JsonNode *pos_resilience_int (gint64 value);
JsonNode *pos_resilience_real (double value);

/* A new chart appended to @section. Returns: (transfer none) */
JsonObject *pos_resilience_chart (JsonObject *section, const char *id, const char *kind, const char *title,
                                  const char *description);
void pos_resilience_chart_add (JsonObject *chart, const char *label, double value);
void pos_resilience_chart_mark (JsonObject *chart, double value, const char *label);

/* @amount in major units, for drawing only. */
double pos_resilience_major (gint64 amount, const PosCurrency *currency);

/* "12.5 %" of @part in @whole, "—" when @whole is 0. (transfer full) */
char *pos_resilience_percent_text (double share);

/* Runs @sql (values bound by the caller) and reads one row of integers
 * into @out; a NULL column gives @none. */
gboolean pos_resilience_query_ints (PosStore *store, PosStmt *stmt, gint64 *out, guint n, gint64 none,
                                    GError **error);

/* The day @days before (negative: after) @day, "YYYY-MM-DD". (transfer full) */
char *pos_resilience_day_offset (const char *day, int days);

G_END_DECLS
