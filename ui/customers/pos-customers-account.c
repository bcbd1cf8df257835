/* pos-customers-account.c — a customer's account on the customers page (see pos-customers-account.h). */
#include "pos-customers-account.h"

#include <glib/gi18n-lib.h>

#include "pos-account.h"
#include "pos-ask.h"
#include "pos-format.h"

typedef struct
{
  PosContext *context;
  gint64 customer_id;
  PosCustomersAccountDoneFunc done;
  gpointer user_data;
} Ask;

static Ask *
ask_new (PosContext *context, gint64 customer_id, PosCustomersAccountDoneFunc done, gpointer user_data)
{
  Ask *ask = g_new0 (Ask, 1);

  ask->context = g_object_ref (context);
  ask->customer_id = customer_id;
  ask->done = done;
  ask->user_data = user_data;
  return ask;
}

static void
ask_free (Ask *ask)
{
  g_object_unref (ask->context);
  g_free (ask);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Ask, ask_free)

char *
pos_customers_account_summary (PosContext *context, gint64 customer_id)
{
  g_autoptr (PosAccount) a = pos_account_get (pos_context_get_store (context), customer_id, NULL);
  g_autofree char *owes = NULL, *limit = NULL;

  if (a == NULL)
    return NULL;
  owes = pos_context_format_amount (context, a->balance);
  limit = pos_context_format_amount (context, a->credit_limit);
  /* TRANSLATORS: what the customer owes on their account, then its credit limit */
  return g_strdup_printf (_ ("Account: owes %s of a %s limit"), owes, limit);
}

static void
on_amount_answered_cb (const char *text, gpointer user_data)
{
  g_autoptr (Ask) ask = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *summary = NULL, *message = NULL;
  PosAccountPayment p = { ask->customer_id, POS_ACCOUNT_PAYMENT, POS_TENDER_CASH, 0, NULL, NULL };

  if (text == NULL || *text == '\0')
    return;
  if (!pos_amount_parse_local (text, pos_context_get_currency (ask->context), &p.amount, &error)
      || !pos_account_pay (pos_context_get_store (ask->context), pos_context_get_user (ask->context), &p,
                           &error))
    {
      ask->done (error->message, ask->user_data);
      return;
    }
  summary = pos_customers_account_summary (ask->context, ask->customer_id);
  message = g_strdup_printf (_ ("Payment taken in cash · %s"), summary ? summary : "");
  ask->done (message, ask->user_data);
}

void
pos_customers_account_pay (GtkWidget *parent, PosContext *context, gint64 customer_id,
                           PosCustomersAccountDoneFunc done, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PosAccount) a = pos_account_get (pos_context_get_store (context), customer_id, &error);

  if (a == NULL)
    {
      done (error->message, user_data);
      return;
    }
  pos_ask_text (parent, _ ("Payment on account"), _ ("The amount the customer pays in cash"), NULL,
                on_amount_answered_cb, ask_new (context, customer_id, done, user_data));
}

/* "" is an open end; anything else must be a day such as 2026-12-01. */
static gboolean
day_or_empty (const char *text, const char **out)
{
  *out = NULL;
  if (text == NULL || *text == '\0')
    return TRUE;
  if (!g_regex_match_simple ("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", text, 0, 0))
    return FALSE;
  *out = text;
  return TRUE;
}

static void
on_period_answered_cb (const char *const *answers, guint choice, gpointer user_data)
{
  g_autoptr (Ask) ask = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL, *path = NULL, *message = NULL;
  const char *dir = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  const char *from, *to;

  if (answers == NULL)
    return;
  if (!day_or_empty (answers[0], &from) || !day_or_empty (answers[1], &to))
    {
      ask->done (_ ("A day is written 2026-12-01"), ask->user_data);
      return;
    }
  name = g_strdup_printf ("statement-%" G_GINT64_FORMAT "-%s.pdf", ask->customer_id, to ? to : "today");
  path = g_build_filename (dir ? dir : g_get_home_dir (), name, NULL);
  if (!pos_account_statement_pdf (pos_context_get_store (ask->context), ask->customer_id, from, to, path,
                                  &error))
    {
      ask->done (error->message, ask->user_data);
      return;
    }
  message = g_strdup_printf (_ ("Saved to %s"), path);
  ask->done (message, ask->user_data);
}

void
pos_customers_account_statement (GtkWidget *parent, PosContext *context, gint64 customer_id,
                                 PosCustomersAccountDoneFunc done, gpointer user_data)
{
  const char *fields[] = { _ ("From (2026-12-01; empty: since it opened)"), _ ("To (empty: today)"), NULL };

  pos_ask_form (parent, _ ("Account statement"), _ ("The period the statement covers"), fields, NULL, 0,
                on_period_answered_cb, ask_new (context, customer_id, done, user_data));
}
