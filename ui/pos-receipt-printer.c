/* pos-receipt-printer.c — the receipt preview as a texture, and printing
 * for pages that only need to hear of a failure (see pos-till-printer.h). */
#include "pos-receipt-printer.h"
#include "pos-toast.h"

#include <glib/gi18n-lib.h>

#include "pos-printing.h"
#include "pos-receipt-build.h"
#include "pos-receipt-preview.h"

typedef struct
{
  void (*on_error) (const char *message, gpointer user_data);
  gpointer user_data;
  GDestroyNotify destroy;
} PrintCall;

static void
on_printed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  PrintCall *call = user_data;
  g_autoptr (GError) error = NULL;

  if (!pos_till_printer_print_finish (POS_CONTEXT (source), result, &error) && call->on_error != NULL)
    call->on_error (error->message, call->user_data);
  if (call->destroy != NULL)
    call->destroy (call->user_data);
  g_free (call);
}

void
pos_receipt_printer_print (PosContext *context, const char *receipt_no, gboolean copy, gboolean open_drawer,
                           void (*on_error) (const char *message, gpointer user_data), gpointer user_data,
                           GDestroyNotify destroy)
{
  PrintCall *call;

  g_return_if_fail (POS_IS_CONTEXT (context));
  g_return_if_fail (receipt_no != NULL);

  call = g_new0 (PrintCall, 1);
  call->on_error = on_error;
  call->user_data = user_data;
  call->destroy = destroy;
  pos_till_printer_print_async (context, receipt_no, copy, open_drawer, NULL, on_printed_cb, call);
}

AdwToast *
pos_receipt_printer_failure_toast (const char *message)
{
  g_autofree char *text = NULL;
  AdwToast *toast;

  g_return_val_if_fail (message != NULL, NULL);

  text = g_strdup_printf (_ ("Receipt not printed. %s%s The sale is saved; Ctrl+P prints it again."), message,
                          g_str_has_suffix (message, ".") ? "" : ".");
  toast = pos_toast_new_wrapped (text);
  adw_toast_set_timeout (toast, 8);
  return toast;
}

char *
pos_receipt_printer_sentence (const char *message)
{
  g_return_val_if_fail (message != NULL, NULL);

  return g_str_has_suffix (message, ".") ? g_strdup (message) : g_strconcat (message, ".", NULL);
}

AdwToast *
pos_receipt_printer_slip_failure_toast (const char *text, gboolean print_again)
{
  AdwToast *toast;

  g_return_val_if_fail (text != NULL, NULL);

  toast = pos_toast_new_wrapped (text);
  adw_toast_set_timeout (toast, 0); /* until the cashier prints it again or closes it */
  if (print_again)
    adw_toast_set_button_label (toast, _ ("Print again"));
  return toast;
}

GdkTexture *
pos_receipt_printer_preview (PosContext *context, const char *receipt_no, GError **error)
{
  PosStore *store;
  const PosPrinterProfile *profile;
  g_autoptr (PosReceipt) receipt = NULL;
  cairo_surface_t *surface;
  g_autoptr (GBytes) bytes = NULL;
  GdkTexture *texture;

  g_return_val_if_fail (POS_IS_CONTEXT (context), NULL);

  store = pos_context_get_store (context);
  if ((profile = pos_printing_profile (store, error)) == NULL
      || (receipt = pos_receipt_build (store, receipt_no, error)) == NULL
      || (surface = pos_receipt_preview_render (receipt, profile, error)) == NULL)
    return NULL;
  cairo_surface_flush (surface);
  /* Cairo's ARGB32 is premultiplied BGRA in memory on little-endian. */
  bytes
      = g_bytes_new (cairo_image_surface_get_data (surface), (gsize)cairo_image_surface_get_stride (surface)
                                                                 * cairo_image_surface_get_height (surface));
  texture = gdk_memory_texture_new (
      cairo_image_surface_get_width (surface), cairo_image_surface_get_height (surface),
      G_BYTE_ORDER == G_LITTLE_ENDIAN ? GDK_MEMORY_B8G8R8A8_PREMULTIPLIED : GDK_MEMORY_A8R8G8B8_PREMULTIPLIED,
      bytes, (gsize)cairo_image_surface_get_stride (surface));
  cairo_surface_destroy (surface);
  return texture;
}
