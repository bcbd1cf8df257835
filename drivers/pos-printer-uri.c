/* pos-printer-uri.c — parsing and printing printer URIs. */
#include "pos-printer-uri.h"

#include "pos-device-error.h"

#include <errno.h>
#include <string.h>

#define QUEUE_NAME_MAX 127 /* what CUPS accepts */

static gboolean
set_invalid (GError **error, const char *text, const char *why)
{
  g_set_error (error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_INVALID, "Printer address \"%s\" is not valid: %s",
               text, why);
  return FALSE;
}

/* A CUPS queue name: printable, no spaces, slashes, '#' or quotes. */
static gboolean
queue_name_is_valid (const char *name)
{
  if (*name == '\0' || strlen (name) > QUEUE_NAME_MAX)
    return FALSE;
  for (const char *p = name; *p; p++)
    {
      guchar c = (guchar)*p;
      if (c <= ' ' || c == 0x7f || strchr ("/\\#'\"", c) != NULL)
        return FALSE;
    }
  return TRUE;
}

/* One to four hex digits, nothing else: a USB vendor or product id. */
static gboolean
parse_hex16 (const char *text, guint16 *out)
{
  guint64 value = 0;
  gsize len = strlen (text);

  if (len == 0 || len > 4)
    return FALSE;
  for (const char *p = text; *p; p++)
    if (!g_ascii_isxdigit (*p))
      return FALSE;
  value = g_ascii_strtoull (text, NULL, 16);
  *out = (guint16)value;
  return TRUE;
}

/* A decimal TCP port 1..65535. */
static gboolean
parse_port (const char *text, guint16 *out)
{
  guint64 value = 0;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT16, &value, NULL))
    return FALSE;
  *out = (guint16)value;
  return TRUE;
}

static gboolean
parse_usb (PosPrinterUri *uri, const char *text, const char *rest, GError **error)
{
  g_auto (GStrv) parts = g_strsplit (rest, ":", 3);
  guint n = g_strv_length (parts);

  if (n < 2)
    return set_invalid (error, text, "a USB printer is written usb:VENDOR:PRODUCT, e.g. usb:04b8:0202");
  if (!parse_hex16 (parts[0], &uri->vendor_id) || !parse_hex16 (parts[1], &uri->product_id))
    return set_invalid (error, text, "USB vendor and product ids are 1 to 4 hexadecimal digits");
  if (n == 3)
    {
      if (*parts[2] == '\0')
        return set_invalid (error, text, "the USB serial number after the last ':' is empty");
      uri->serial = g_strdup (parts[2]);
    }
  return TRUE;
}

/* tcp:HOST, tcp:HOST:PORT, tcp:[V6ADDR] or tcp:[V6ADDR]:PORT. */
static gboolean
parse_tcp (PosPrinterUri *uri, const char *text, const char *rest, GError **error)
{
  const char *port = NULL;

  uri->port = POS_PRINTER_TCP_DEFAULT_PORT;
  if (*rest == '[')
    {
      const char *end = strchr (rest, ']');
      if (end == NULL || end == rest + 1)
        return set_invalid (error, text, "an IPv6 address must be written in [brackets]");
      uri->host = g_strndup (rest + 1, end - rest - 1);
      if (end[1] == ':')
        port = end + 2;
      else if (end[1] != '\0')
        return set_invalid (error, text, "unexpected text after the IPv6 address");
    }
  else
    {
      const char *colon = strchr (rest, ':');
      uri->host = colon ? g_strndup (rest, colon - rest) : g_strdup (rest);
      port = colon ? colon + 1 : NULL;
      if (colon && strchr (colon + 1, ':'))
        return set_invalid (error, text, "write an IPv6 address in brackets, e.g. tcp:[fe80::1]:9100");
    }
  if (*uri->host == '\0')
    return set_invalid (error, text, "the host name is missing");
  for (const char *p = uri->host; *p; p++)
    if (g_ascii_isspace (*p) || *p == '/')
      return set_invalid (error, text, "the host name contains a space or '/'");
  if (port && !parse_port (port, &uri->port))
    return set_invalid (error, text, "the port must be a number from 1 to 65535");
  return TRUE;
}

static gboolean
parse_rest (PosPrinterUri *uri, const char *text, const char *scheme, const char *rest, GError **error)
{
  if (g_str_equal (scheme, "cups"))
    {
      uri->kind = POS_PRINTER_URI_CUPS;
      if (!queue_name_is_valid (rest))
        return set_invalid (error, text,
                            "a CUPS queue name is 1 to 127 printable characters without spaces, "
                            "'/', '#' or quotes");
      uri->queue = g_strdup (rest);
      return TRUE;
    }
  if (g_str_equal (scheme, "usb"))
    {
      uri->kind = POS_PRINTER_URI_USB;
      return parse_usb (uri, text, rest, error);
    }
  if (g_str_equal (scheme, "tcp"))
    {
      uri->kind = POS_PRINTER_URI_TCP;
      return parse_tcp (uri, text, rest, error);
    }
  if (g_str_equal (scheme, "file"))
    {
      uri->kind = POS_PRINTER_URI_FILE;
      if (*rest == '\0')
        return set_invalid (error, text, "the file path is missing");
      uri->path = g_strdup (rest);
      return TRUE;
    }
  return set_invalid (error, text, "it must start with cups:, usb:, tcp: or file:");
}

PosPrinterUri *
pos_printer_uri_parse (const char *text, GError **error)
{
  g_autoptr (PosPrinterUri) uri = NULL;
  g_autofree char *scheme = NULL;
  const char *colon = NULL;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_utf8_validate (text, -1, NULL))
    {
      set_invalid (error, "?", "it is not valid UTF-8");
      return NULL;
    }
  colon = strchr (text, ':');
  if (colon == NULL)
    {
      set_invalid (error, text, "it must start with cups:, usb:, tcp: or file:");
      return NULL;
    }
  scheme = g_ascii_strdown (text, colon - text);
  uri = g_new0 (PosPrinterUri, 1);
  if (!parse_rest (uri, text, scheme, colon + 1, error))
    return NULL;
  return g_steal_pointer (&uri);
}

char *
pos_printer_uri_to_string (const PosPrinterUri *uri)
{
  g_return_val_if_fail (uri != NULL, NULL);

  switch (uri->kind)
    {
      case POS_PRINTER_URI_CUPS:
        return g_strconcat ("cups:", uri->queue, NULL);
      case POS_PRINTER_URI_USB:
        if (uri->serial)
          return g_strdup_printf ("usb:%04x:%04x:%s", uri->vendor_id, uri->product_id, uri->serial);
        return g_strdup_printf ("usb:%04x:%04x", uri->vendor_id, uri->product_id);
      case POS_PRINTER_URI_TCP:
        if (strchr (uri->host, ':'))
          return g_strdup_printf ("tcp:[%s]:%u", uri->host, uri->port);
        return g_strdup_printf ("tcp:%s:%u", uri->host, uri->port);
      case POS_PRINTER_URI_FILE:
        return g_strconcat ("file:", uri->path, NULL);
      default:
        g_assert_not_reached ();
    }
}

PosPrinterUri *
pos_printer_uri_copy (const PosPrinterUri *uri)
{
  PosPrinterUri *copy = NULL;

  g_return_val_if_fail (uri != NULL, NULL);

  copy = g_memdup2 (uri, sizeof *uri);
  copy->queue = g_strdup (uri->queue);
  copy->serial = g_strdup (uri->serial);
  copy->host = g_strdup (uri->host);
  copy->path = g_strdup (uri->path);
  return copy;
}

void
pos_printer_uri_free (PosPrinterUri *uri)
{
  if (uri == NULL)
    return;
  g_free (uri->queue);
  g_free (uri->serial);
  g_free (uri->host);
  g_free (uri->path);
  g_free (uri);
}
