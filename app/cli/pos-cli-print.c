/* pos-cli-print.c — `print`, `printers`, `scanners` and `drawer` (see pos-cli-print.h). */
#include "pos-cli-print.h"

#include <glib/gi18n-lib.h>

#include <stdio.h>

#include "pos-device-error.h"
#include "pos-printers.h"
#include "pos-printing.h"
#include "pos-receipt-build.h"
#include "pos-receipt-preview.h"
#include "pos-usb-monitor.h"

/* How long `printers` waits for CUPS. */
#define CLI_CUPS_TIMEOUT_MS 3000

/* Device errors get exit codes as close as they come to the store's. */
int
pos_cli_fail_device (GError *error)
{
  int status = pos_cli_fail (error);

  if (error->domain != POS_DEVICE_ERROR)
    return status;
  switch ((PosDeviceErrorCode)error->code)
    {
      case POS_DEVICE_ERROR_NOT_FOUND:
        return POS_EXIT_NOT_FOUND;
      case POS_DEVICE_ERROR_INVALID:
        return POS_EXIT_INVALID;
      case POS_DEVICE_ERROR_PERMISSION:
        return POS_EXIT_DENIED;
      case POS_DEVICE_ERROR_OFFLINE:
      case POS_DEVICE_ERROR_TIMEOUT:
      case POS_DEVICE_ERROR_PAPER_OUT:
      case POS_DEVICE_ERROR_COVER_OPEN:
      case POS_DEVICE_ERROR_UNSUPPORTED:
        return POS_EXIT_REFUSED;
      default:
        return POS_EXIT_FAILED;
    }
}

/* Draws the receipt to @path instead of (or besides) printing it. */
static gboolean
write_preview (PosStore *store, const char *receipt_no, gboolean copy, const char *path, GError **error)
{
  g_autoptr (PosReceipt) receipt = pos_receipt_build_full (store, receipt_no, copy, error);
  const PosPrinterProfile *profile = receipt ? pos_printing_profile (store, error) : NULL;

  return profile != NULL && pos_receipt_preview_write_png (receipt, profile, path, error);
}

int
pos_cli_print_slip (PosCli *cli, PosReceipt *slip, const char *printer, const char *preview,
                    const char *printed)
{
  g_autoptr (GError) error = NULL;
  const PosPrinterProfile *profile = NULL;

  g_return_val_if_fail (slip != NULL, POS_EXIT_FAILED);
  g_return_val_if_fail (printed != NULL, POS_EXIT_FAILED);

  if (preview != NULL
      && ((profile = pos_printing_profile (cli->store, &error)) == NULL
          || !pos_receipt_preview_write_png (slip, profile, preview, &error)))
    return pos_cli_fail_device (error);
  if (preview != NULL && printer == NULL)
    return POS_EXIT_OK; /* a preview alone prints nothing */
  if (!pos_print_document (cli->store, slip, printer, &error))
    return pos_cli_fail_device (error);
  if (!cli->json)
    fputs (printed, stdout);
  return POS_EXIT_OK;
}

int
pos_cli_print (PosCli *cli, int argc, char **argv)
{
  static const char usage[] = "print RECEIPT [--printer URI] [--copy] [--preview FILE.png]";
  g_autofree char *printer = NULL, *preview = NULL;
  gboolean copy = FALSE;
  GOptionEntry entries[] = {
    { "printer", 0, 0, G_OPTION_ARG_STRING, &printer, NULL, NULL },
    { "copy", 0, 0, G_OPTION_ARG_NONE, &copy, NULL, NULL },
    { "preview", 0, 0, G_OPTION_ARG_FILENAME, &preview, NULL, NULL },
    { NULL },
  };
  g_autoptr (GError) error = NULL;

  if (!pos_cli_parse (entries, &argc, &argv, usage, &error) || argc != 2)
    return pos_cli_usage (usage, error ? error->message : "which receipt?");
  if (pos_cli_store (cli, &error) == NULL)
    return pos_cli_fail (error);
  if (preview != NULL)
    {
      if (!write_preview (cli->store, argv[1], copy, preview, &error))
        return pos_cli_fail_device (error);
      if (printer == NULL)
        return POS_EXIT_OK; /* a preview alone prints nothing */
    }
  if (!pos_print_receipt (cli->store, argv[1], printer, copy, &error))
    return pos_cli_fail_device (error);
  if (cli->json)
    {
      g_autoptr (JsonObject) o = json_object_new ();
      g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      json_object_set_string_member (o, "receipt", argv[1]);
      json_object_set_boolean_member (o, "printed", TRUE);
      json_node_set_object (node, o);
      pos_cli_print_json (node);
    }
  else
    printf (_ ("printed %s%s\n"), argv[1], copy ? _ (" (copy)") : "");
  return POS_EXIT_OK;
}

/* One device per line, or a JSON array of {uri, description[, default]}. */
static void
print_devices (PosCli *cli, GPtrArray *uris, GPtrArray *descriptions, GArray *defaults)
{
  g_autoptr (JsonArray) array = json_array_new ();
  g_autoptr (JsonNode) node = NULL;

  for (guint i = 0; i < uris->len; i++)
    {
      gboolean is_default = defaults && g_array_index (defaults, gboolean, i);
      JsonObject *o = json_object_new ();

      json_object_set_string_member (o, "uri", g_ptr_array_index (uris, i));
      json_object_set_string_member (o, "description", g_ptr_array_index (descriptions, i));
      if (defaults != NULL)
        json_object_set_boolean_member (o, "default", is_default);
      json_array_add_object_element (array, o);
      if (!cli->json)
        printf ("%-32s %s%s\n", (const char *)g_ptr_array_index (uris, i),
                (const char *)g_ptr_array_index (descriptions, i), is_default ? " (default)" : "");
    }
  if (!cli->json)
    return;
  node = json_node_new (JSON_NODE_ARRAY);
  json_node_set_array (node, array);
  pos_cli_print_json (node);
}

int
pos_cli_printers (PosCli *cli, int argc, char **argv)
{
  static const char usage[] = "printers";
  g_autoptr (GPtrArray) printers = NULL;
  g_autoptr (GPtrArray) uris = g_ptr_array_new ();
  g_autoptr (GPtrArray) descriptions = g_ptr_array_new ();
  g_autoptr (GArray) defaults = g_array_new (FALSE, TRUE, sizeof (gboolean));

  if (argc != 1)
    return pos_cli_usage (usage, "printers takes no arguments");
  printers = pos_printers_list (CLI_CUPS_TIMEOUT_MS);
  for (guint i = 0; i < printers->len; i++)
    {
      PosPrinterInfo *info = g_ptr_array_index (printers, i);
      g_ptr_array_add (uris, info->uri);
      g_ptr_array_add (descriptions, info->description ? info->description : "");
      g_array_append_val (defaults, info->is_default);
    }
  print_devices (cli, uris, descriptions, defaults);
  if (printers->len == 0 && !cli->json)
    printf (_ ("no printers found\n"));
  return POS_EXIT_OK;
}

/* USB scanners (HID POS or keyboard) from known scanner makers. */
static void
list_usb_scanners (GPtrArray *uris, GPtrArray *descriptions)
{
  g_autoptr (PosUsbMonitor) monitor = pos_usb_monitor_new (FALSE, 0, NULL);
  g_autoptr (GPtrArray) devices = NULL;

  if (monitor == NULL)
    return;
  devices = pos_usb_monitor_get_devices (monitor);
  for (guint i = 0; i < devices->len; i++)
    {
      const PosUsbDevice *d = g_ptr_array_index (devices, i);
      if (!(d->kind & POS_USB_DEVICE_SCANNER))
        continue;
      g_ptr_array_add (uris, g_strdup_printf ("usb:%04x:%04x", d->vendor_id, d->product_id));
      g_ptr_array_add (descriptions,
                       g_strdup_printf (_ ("USB HID scanner on bus %u, device %u"), d->bus, d->address));
    }
}

/* Serial lines a scanner may be on: CDC-ACM and USB-serial adapters, by
 * their stable names where udev made them. */
static void
list_serial_scanners (GPtrArray *uris, GPtrArray *descriptions)
{
  g_autoptr (GDir) by_id = g_dir_open ("/dev/serial/by-id", 0, NULL);
  g_autoptr (GDir) dev = NULL;
  const char *name;

  if (by_id != NULL)
    {
      while ((name = g_dir_read_name (by_id)) != NULL)
        {
          g_ptr_array_add (uris, g_strdup_printf ("serial:/dev/serial/by-id/%s", name));
          g_ptr_array_add (descriptions, g_strdup ("Serial line"));
        }
      return;
    }
  if ((dev = g_dir_open ("/dev", 0, NULL)) == NULL)
    return;
  while ((name = g_dir_read_name (dev)) != NULL)
    if (g_str_has_prefix (name, "ttyACM") || g_str_has_prefix (name, "ttyUSB"))
      {
        g_ptr_array_add (uris, g_strdup_printf ("serial:/dev/%s", name));
        g_ptr_array_add (descriptions, g_strdup (g_str_has_prefix (name, "ttyACM") ? "USB CDC-ACM serial line"
                                                                                   : "USB serial adapter"));
      }
}

int
pos_cli_scanners (PosCli *cli, int argc, char **argv)
{
  static const char usage[] = "scanners";
  g_autoptr (GPtrArray) uris = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) descriptions = g_ptr_array_new_with_free_func (g_free);

  if (argc != 1)
    return pos_cli_usage (usage, "scanners takes no arguments");
  list_usb_scanners (uris, descriptions);
  list_serial_scanners (uris, descriptions);
  print_devices (cli, uris, descriptions, NULL);
  if (uris->len == 0 && !cli->json)
    printf (_ ("no scanners found\n"));
  return POS_EXIT_OK;
}

int
pos_cli_drawer (PosCli *cli, int argc, char **argv)
{
  static const char usage[] = "drawer open --reason TEXT --cashier NAME --pin PIN "
                              "[--approver NAME --approver-pin PIN] [--receipt RECEIPT] [--printer URI]";
  g_auto (PosCliActor) actor = { 0 };
  g_autofree char *reason = NULL, *receipt = NULL, *printer = NULL;
  GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, NULL, NULL },
    POS_CLI_ACTOR_ENTRIES (actor, "cashier", "pin"),
    { "receipt", 0, 0, G_OPTION_ARG_STRING, &receipt, NULL, NULL },
    { "printer", 0, 0, G_OPTION_ARG_STRING, &printer, NULL, NULL },
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (PosUser) user = NULL;
  g_autoptr (PosUser) approver = NULL;

  if (!pos_cli_parse (entries, &argc, &argv, usage, &error) || argc != 2 || !g_str_equal (argv[1], "open"))
    return pos_cli_usage (usage, error ? error->message : "the drawer can only be opened: drawer open …");
  if (reason == NULL)
    return pos_cli_usage (usage, "say why the drawer is opened with --reason");
  if (!pos_cli_actor_sign_in (cli, &actor, "the cashier's", &user, &approver, &error))
    return pos_cli_fail (error);
  if (!pos_drawer_open (cli->store, user, approver, reason, receipt, printer, &error))
    return pos_cli_fail_device (error);
  if (cli->json)
    {
      g_autoptr (JsonObject) o = json_object_new ();
      g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      json_object_set_boolean_member (o, "opened", TRUE);
      json_object_set_boolean_member (o, "no_sale", receipt == NULL);
      if (receipt != NULL)
        json_object_set_string_member (o, "receipt", receipt);
      json_node_set_object (node, o);
      pos_cli_print_json (node);
    }
  else
    printf (_ ("drawer opened%s%s\n"), receipt ? _ (" for ") : _ (" (no sale)"), receipt ? receipt : "");
  return POS_EXIT_OK;
}
