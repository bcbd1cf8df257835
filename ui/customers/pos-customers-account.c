/* pos-customers-account.c — a customer's account on the customers page (see pos-customers-account.h). */
#include "pos-customers-account.h"

#include <glib/gi18n-lib.h>

#include "pos-account.h"
#include "pos-ask.h"
#include "pos-format.h"
#include "pos-receipt-printer.h"
#include "pos-till-printer.h"

typedef struct
{
  PosContext *context;
  GtkWidget *page; /* (nullable) where toasts go up from ("add-toast") */
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
  g_clear_object (&ask->page);
  g_free (ask);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Ask, ask_free)

/* A balance below zero is money the shop holds for the customer: saying
 * they owe a negative amount reads as a debt, so it says "in credit". */
char *
pos_customers_account_summary (PosContext *context, gint64 customer_id)
{
  g_autoptr (PosAccount) a = pos_account_get (pos_context_get_store (context), customer_id, NULL);
  g_autofree char *limit = NULL, *balance = NULL;

  if (a == NULL)
    return NULL;
  limit = pos_context_format_amount (context, a->credit_limit);
  if (a->balance == 0)
    /* TRANSLATORS: a customer's account with nothing to pay; %s is its credit limit */
    return g_strdup_printf (_ ("Account: nothing owed (limit %s)"), limit);
  balance = pos_context_format_amount (context, a->balance < 0 ? -a->balance : a->balance);
  if (a->balance < 0)
    /* TRANSLATORS: what the shop holds for the customer on their account, then its credit limit */
    return g_strdup_printf (_ ("Account: %s in credit (limit %s)"), balance, limit);
  /* TRANSLATORS: what the customer owes on their account, then its credit limit */
  return g_strdup_printf (_ ("Account: owes %s of a %s limit"), balance, limit);
}

/* --- The slip of a payment ------------------------------------------------- */

/* A slip on its way to the printer, kept to print it again. */
typedef struct
{
  PosContext *context;
  GtkWidget *page;
  PosReceipt *slip;
} SlipJob;

static SlipJob *
slip_job_new (PosContext *context, GtkWidget *page, PosReceipt *slip)
{
  SlipJob *job = g_new0 (SlipJob, 1);

  job->context = g_object_ref (context);
  job->page = g_object_ref (page);
  job->slip = pos_receipt_ref (slip);
  return job;
}

static void
slip_job_free (SlipJob *job)
{
  g_object_unref (job->context);
  g_object_unref (job->page);
  pos_receipt_unref (job->slip);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlipJob, slip_job_free)

static void
slip_job_closure_free (gpointer data, GClosure *closure)
{
  slip_job_free (data);
}

static void print_slip (PosContext *context, GtkWidget *page, PosReceipt *slip);

static void
on_print_again_clicked_cb (AdwToast *toast, gpointer user_data)
{
  SlipJob *job = user_data;

  print_slip (job->context, job->page, job->slip);
}

/* A slip that did not print: the money was taken and is kept (it was
 * committed before printing), and the toast's button prints it again. */
static void
slip_not_printed (PosContext *context, GtkWidget *page, PosReceipt *slip, const GError *error)
{
  g_autofree char *why = pos_receipt_printer_sentence (error->message);
  g_autofree char *text = NULL;
  g_autoptr (AdwToast) toast = NULL;

  /* TRANSLATORS: why the printer failed (a sentence) */
  text = g_strdup_printf (_ ("Slip of the account payment not printed: %s The money is kept."), why);
  toast = pos_receipt_printer_slip_failure_toast (text, slip != NULL);
  if (slip != NULL)
    g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_print_again_clicked_cb),
                           slip_job_new (context, page, slip), slip_job_closure_free, 0);
  g_signal_emit_by_name (page, "add-toast", toast);
  gtk_widget_error_bell (page);
}

static void
on_slip_printed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SlipJob) job = user_data;
  g_autoptr (GError) error = NULL;

  if (!pos_till_printer_print_document_finish (POS_CONTEXT (source), result, &error))
    slip_not_printed (job->context, job->page, job->slip, error);
}

static void
print_slip (PosContext *context, GtkWidget *page, PosReceipt *slip)
{
  pos_till_printer_print_document_async (context, slip, NULL, on_slip_printed_cb,
                                         slip_job_new (context, page, slip));
}

/* The slip of the payment just taken, when the till prints, through the
 * till's printer as a sale's receipt goes. */
static void
print_payment_slip (Ask *ask)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PosReceipt) slip = NULL;

  if (ask->page == NULL || !pos_till_printer_check (ask->context, NULL))
    return;
  slip = pos_account_receipt_build (pos_context_get_store (ask->context), ask->customer_id, 0, &error);
  if (slip == NULL)
    slip_not_printed (ask->context, ask->page, NULL, error);
  else
    print_slip (ask->context, ask->page, slip);
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
  print_payment_slip (ask);
}

void
pos_customers_account_pay (GtkWidget *parent, PosContext *context, gint64 customer_id,
                           PosCustomersAccountDoneFunc done, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PosAccount) a = pos_account_get (pos_context_get_store (context), customer_id, &error);
  Ask *ask;

  if (a == NULL)
    {
      done (error->message, user_data);
      return;
    }
  ask = ask_new (context, customer_id, done, user_data);
  ask->page = g_object_ref (parent);
  pos_ask_text (parent, _ ("Payment on account"), _ ("The amount the customer pays in cash"), NULL,
                on_amount_answered_cb, ask);
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
