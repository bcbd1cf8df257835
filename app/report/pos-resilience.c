/* pos-resilience.c — the owner's report put together (see pos-resilience.h). */
#include "pos-resilience-private.h"

#include <string.h>

#include "pos-clock.h"
#include "pos-i18n.h"
#include "pos-report-private.h"
#include "pos-shop.h"

/* The day @days before @day (negative: after). */
char *
pos_resilience_day_offset (const char *day, int days)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_parse (&date, day);
  g_assert (g_date_valid (&date));
  if (days >= 0)
    g_date_subtract_days (&date, (guint)days);
  else
    g_date_add_days (&date, (guint)-days);
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date));
}

gboolean
pos_resilience_run_init (PosResilienceRun *run, PosStore *store, const char *today, int drop_pct,
                         const char *backup_folder)
{
  guint year, month;

  memset (run, 0, sizeof *run);
  if (!pos_report_is_day (today))
    return FALSE;
  run->store = store;
  run->currency = pos_shop_currency (store);
  run->drop_pct = drop_pct > 0 && drop_pct <= 100 ? drop_pct : 20;
  run->backup_folder = backup_folder;
  g_strlcpy (run->today, today, sizeof run->today);
  year = (guint)g_ascii_strtoull (today, NULL, 10);
  month = (guint)g_ascii_strtoull (today + 5, NULL, 10);
  /* The last full month is the one before today's. */
  for (int i = 11; i >= 0; i--)
    {
      month = month == 1 ? (year--, 12) : month - 1;
      g_snprintf (run->months[i], sizeof run->months[i], "%04u-%02u", year, month);
    }
  g_strlcpy (run->month, run->months[11], sizeof run->month);
  return TRUE;
}

JsonObject *
pos_resilience_section (JsonArray *sections, const char *id, const char *title)
{
  JsonObject *section = json_object_new ();

  json_object_set_string_member (section, "id", id);
  json_object_set_string_member (section, "title", title);
  json_object_set_array_member (section, "figures", json_array_new ());
  json_object_set_array_member (section, "charts", json_array_new ());
  json_array_add_object_element (sections, section);
  return section;
}

void
pos_resilience_figure (JsonObject *section, const char *id, const char *label, JsonNode *value,
                       const char *text, const char *status, const char *explains, const char *good)
{
  JsonObject *figure = json_object_new ();

  json_object_set_string_member (figure, "id", id);
  json_object_set_string_member (figure, "label", label);
  if (value != NULL)
    json_object_set_member (figure, "value", value);
  else
    json_object_set_null_member (figure, "value");
  json_object_set_string_member (figure, "text", text);
  json_object_set_string_member (figure, "status", status);
  json_object_set_string_member (figure, "explains", explains);
  json_object_set_string_member (figure, "good", good);
  json_array_add_object_element (json_object_get_array_member (section, "figures"), figure);
}

JsonNode *
pos_resilience_int (gint64 value)
{
  return json_node_init_int (json_node_alloc (), value);
}

JsonNode *
pos_resilience_real (double value)
{
  return json_node_init_double (json_node_alloc (), value);
}

JsonObject *
pos_resilience_chart (JsonObject *section, const char *id, const char *kind, const char *title,
                      const char *description)
{
  JsonObject *chart = json_object_new ();

  json_object_set_string_member (chart, "id", id);
  json_object_set_string_member (chart, "kind", kind);
  json_object_set_string_member (chart, "title", title);
  json_object_set_string_member (chart, "description", description);
  json_object_set_array_member (chart, "labels", json_array_new ());
  json_object_set_array_member (chart, "values", json_array_new ());
  json_object_set_array_member (chart, "marks", json_array_new ());
  json_array_add_object_element (json_object_get_array_member (section, "charts"), chart);
  return chart;
}

void
pos_resilience_chart_add (JsonObject *chart, const char *label, double value)
{
  json_array_add_string_element (json_object_get_array_member (chart, "labels"), label);
  json_array_add_double_element (json_object_get_array_member (chart, "values"), value);
}

void
pos_resilience_chart_mark (JsonObject *chart, double value, const char *label)
{
  JsonObject *mark = json_object_new ();

  json_object_set_double_member (mark, "value", value);
  json_object_set_string_member (mark, "label", label);
  json_array_add_object_element (json_object_get_array_member (chart, "marks"), mark);
}

double
pos_resilience_major (gint64 amount, const PosCurrency *currency)
{
  double scale = 1.0;

  for (int i = 0; i < currency->exponent; i++)
    scale *= 10.0;
  return (double)amount / scale;
}

char *
pos_resilience_percent_text (double share)
{
  return g_strdup_printf ("%.1f %%", share * 100.0);
}

gboolean
pos_resilience_query_ints (PosStore *store, PosStmt *stmt, gint64 *out, guint n, gint64 none, GError **error)
{
  int rc = pos_store_step_row (store, stmt, error);

  if (rc < 0)
    return FALSE;
  for (guint i = 0; i < n; i++)
    out[i] = rc == SQLITE_ROW && sqlite3_column_type (stmt, (int)i) != SQLITE_NULL
                 ? sqlite3_column_int64 (stmt, (int)i)
                 : none;
  sqlite3_reset (stmt);
  return TRUE;
}

typedef gboolean (*SectionFunc) (PosResilienceRun *run, JsonArray *sections, GError **error);

JsonNode *
pos_resilience_report (PosStore *store, const PosResilienceOptions *options, GError **error)
{
  static const SectionFunc sections_in_order[]
      = { pos_resilience_today,  pos_resilience_concentration, pos_resilience_local, pos_resilience_customers,
          pos_resilience_buffer, pos_resilience_stock,         pos_resilience_safety };
  static const PosResilienceOptions defaults = { 0 };
  g_autoptr (JsonObject) report = json_object_new ();
  g_autoptr (JsonArray) sections = json_array_new ();
  g_autofree char *today = NULL;
  g_autofree char *shop = NULL;
  PosResilienceRun run;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  options = options != NULL ? options : &defaults;
  today = options->today != NULL ? g_strdup (options->today) : pos_clock_business_day (pos_clock_now_us ());
  if (!pos_resilience_run_init (&run, store, today, options->drop_pct, options->backup_folder))
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("“%s” is not a day; write it as YYYY-MM-DD"),
                        today),
           NULL;
  run.dead_days = options->dead_days > 0 ? options->dead_days : 60;
  if (!pos_resilience_summary_refresh (store, error))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (sections_in_order); i++)
    if (!sections_in_order[i](&run, sections, error))
      return NULL;
  shop = pos_shop_setting_get (store, "shop_name");
  json_object_set_string_member (report, "shop", shop);
  json_object_set_string_member (report, "today", run.today);
  json_object_set_string_member (report, "month", run.month);
  json_object_set_string_member (report, "currency", run.currency->code);
  json_object_set_int_member (report, "drop_pct", run.drop_pct);
  json_object_set_int_member (report, "dead_days", run.dead_days);
  json_object_set_array_member (report, "sections", g_steal_pointer (&sections));
  return json_node_init_object (json_node_alloc (), report);
}

/* ---- in a worker --------------------------------------------------------- */

typedef struct
{
  char *store_path;
  char *today;
  char *backup_folder;
  int drop_pct;
  int dead_days;
} ReportJob;

static void
report_job_free (ReportJob *job)
{
  g_free (job->store_path);
  g_free (job->today);
  g_free (job->backup_folder);
  g_free (job);
}

static void
report_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  ReportJob *job = task_data;
  PosResilienceOptions options = { job->today, job->drop_pct, job->backup_folder, job->dead_days };
  g_autoptr (PosStore) store = NULL;
  GError *error = NULL;
  JsonNode *report = NULL;

  store = pos_store_open (job->store_path, POS_STORE_OPEN_NO_CHECK, &error);
  if (store != NULL)
    report = pos_resilience_report (store, &options, &error);
  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, (GDestroyNotify)json_node_unref);
}

void
pos_resilience_report_async (const char *store_path, const PosResilienceOptions *options,
                             GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  ReportJob *job = g_new0 (ReportJob, 1);

  g_return_if_fail (store_path != NULL);

  job->store_path = g_strdup (store_path);
  if (options != NULL)
    {
      job->today = g_strdup (options->today);
      job->backup_folder = g_strdup (options->backup_folder);
      job->drop_pct = options->drop_pct;
      job->dead_days = options->dead_days;
    }
  g_task_set_source_tag (task, pos_resilience_report_async);
  g_task_set_task_data (task, job, (GDestroyNotify)report_job_free);
  pos_i18n_run_in_thread (task, report_thread);
}

JsonNode *
pos_resilience_report_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pos_resilience_report_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- as text ------------------------------------------------------------- */

static void
format_section (GString *out, JsonObject *section)
{
  JsonArray *figures = json_object_get_array_member (section, "figures");

  g_string_append_printf (out, "\n%s\n", json_object_get_string_member (section, "title"));
  for (guint i = 0; i < json_array_get_length (figures); i++)
    {
      JsonObject *f = json_array_get_object_element (figures, i);

      g_string_append_printf (out, "  %-34s %s\n", json_object_get_string_member (f, "label"),
                              json_object_get_string_member (f, "text"));
      g_string_append_printf (out, _ ("      %s Good: %s\n"), json_object_get_string_member (f, "explains"),
                              json_object_get_string_member (f, "good"));
    }
}

char *
pos_resilience_format (JsonNode *report)
{
  GString *out = g_string_new (NULL);
  JsonObject *o;
  JsonArray *sections;

  g_return_val_if_fail (report != NULL && JSON_NODE_HOLDS_OBJECT (report), NULL);

  o = json_node_get_object (report);
  g_string_append_printf (out, _ ("%s — how the shop is doing, %s (last full month %s)\n"),
                          json_object_get_string_member (o, "shop"),
                          json_object_get_string_member (o, "today"),
                          json_object_get_string_member (o, "month"));
  sections = json_object_get_array_member (o, "sections");
  for (guint i = 0; i < json_array_get_length (sections); i++)
    format_section (out, json_array_get_object_element (sections, i));
  return g_string_free (out, FALSE);
}
