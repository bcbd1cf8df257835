/* pos-sale-approval.c — retrying a refused action with a supervisor's PIN.
 *
 * The cart decides who may do what; when it refuses the signed-in user for
 * lack of permission, a supervisor is asked and the same call is made again
 * with them as approver.
 */
#include "pos-sale-page-private.h"

#include "pos-ask.h"

typedef struct
{
  PosSalePage *self;
  PosSaleAttempt attempt;
  gpointer data;
  GDestroyNotify destroy;
} Retry;

static void
retry_free (Retry *retry)
{
  if (retry->destroy != NULL)
    retry->destroy (retry->data);
  g_object_unref (retry->self);
  g_free (retry);
}

static void
on_approval_answered_cb (const PosUser *approver, gpointer user_data)
{
  Retry *retry = user_data;
  g_autoptr (GError) error = NULL;

  if (approver != NULL && !retry->attempt (retry->self, approver, retry->data, &error))
    pos_sale_page_refuse (retry->self, error);
  pos_sale_page_focus_search (retry->self);
  retry_free (retry);
}

/* Runs @attempt as the signed-in user; if their role may not, asks for a
 * supervisor and runs it again with them as approver. Takes @data. */
void
pos_sale_page_run_with_approval (PosSalePage *self, PosSaleAttempt attempt, gpointer data,
                                 GDestroyNotify destroy)
{
  g_autoptr (GError) error = NULL;
  Retry *retry;

  if (attempt (self, NULL, data, &error) || !g_error_matches (error, POS_ERROR, POS_ERROR_PERMISSION))
    {
      if (error != NULL)
        pos_sale_page_refuse (self, error);
      if (destroy != NULL)
        destroy (data);
      return;
    }
  retry = g_new0 (Retry, 1);
  retry->self = g_object_ref (self);
  retry->attempt = attempt;
  retry->data = data;
  retry->destroy = destroy;
  pos_ask_approval (GTK_WIDGET (self), pos_context_get_store (self->context), error->message,
                    on_approval_answered_cb, retry);
}
