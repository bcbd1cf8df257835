/* pos-label-print.c — labels as raster images for ESC/POS printers. */
#include "pos-label-print.h"

#include "pos-escpos.h"
#include "pos-label-render.h"
#include "pos-printing.h"
#include "pos-receipt.h"
#include "pos-transport.h"

/* The pixels of @surface (CAIRO_FORMAT_RGB24) as an RGB pixbuf. */
static GdkPixbuf *
pixbuf_from_surface (cairo_surface_t *surface)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  guchar *out = gdk_pixbuf_get_pixels (pixbuf);
  int out_stride = gdk_pixbuf_get_rowstride (pixbuf);
  const guchar *in;

  cairo_surface_flush (surface);
  in = cairo_image_surface_get_data (surface);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 pixel = *(const guint32 *)(in + y * stride + x * 4);
        guchar *p = out + y * out_stride + x * 3;

        p[0] = (pixel >> 16) & 0xff;
        p[1] = (pixel >> 8) & 0xff;
        p[2] = pixel & 0xff;
      }
  return pixbuf;
}

/* One document: every label as an image, each followed by a cut. */
static PosReceipt *
labels_document (GPtrArray *labels, const PosLabelSheet *sheet, GError **error)
{
  g_autoptr (PosReceipt) document = pos_receipt_new ();

  for (guint i = 0; i < labels->len; i++)
    {
      cairo_surface_t *image
          = pos_label_render_image (g_ptr_array_index (labels, i), sheet, POS_LABEL_PRINTER_DPI, error);
      g_autoptr (GdkPixbuf) pixbuf = NULL;

      if (image == NULL)
        return NULL;
      pixbuf = pixbuf_from_surface (image);
      cairo_surface_destroy (image);
      pos_receipt_add_logo (document, POS_ALIGN_CENTER, pixbuf);
      pos_receipt_add_cut (document, POS_CUT_PARTIAL);
    }
  return g_steal_pointer (&document);
}

gboolean
pos_label_print (PosStore *store, GPtrArray *labels, const PosLabelSheet *sheet, const char *printer_uri,
                 GError **error)
{
  g_autoptr (PosReceipt) document = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (PosTransport) transport = NULL;
  g_autofree char *uri = NULL;
  const PosPrinterProfile *profile;

  g_return_val_if_fail (store != NULL && labels != NULL && sheet != NULL, FALSE);

  if (!(uri = pos_printing_printer_uri (store, printer_uri, error))
      || !(profile = pos_printing_profile (store, error))
      || !(document = labels_document (labels, sheet, error))
      || !(bytes = pos_escpos_encode (document, profile, error))
      || !(transport = pos_transport_open (uri, error))
      || !pos_transport_write (transport, bytes, POS_PRINT_TIMEOUT_MS, error))
    return FALSE;
  return pos_transport_close (transport, error);
}
