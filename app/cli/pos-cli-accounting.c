/* pos-cli-accounting.c — `report accounting`: a day's bookings for the accountant. */
#include "pos-cli.h"

#include <glib/gi18n-lib.h>

#include <stdio.h>

#include "pos-accounting-export.h"

int
pos_cli_report_accounting (PosCli *cli, int argc, char **argv, const char *day, const char *format,
                           const char *usage)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  PosAccountingFormat f;

  if (argc != 3 || day == NULL || !pos_accounting_format_parse (format, &f))
    return pos_cli_usage (usage, "report accounting needs --day DAY, --format datev or csv, and a folder");
  if (pos_cli_store (cli, &error) == NULL)
    return pos_cli_fail (error);
  if ((path = pos_accounting_export (cli->store, day, f, argv[2], &error)) == NULL)
    return pos_cli_fail (error);
  if (cli->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "file");
      json_builder_add_string_value (b, path);
      json_builder_end_object (b);
      return pos_cli_print_listing (cli, b);
    }
  printf (_ ("Wrote %s\n"), path);
  return POS_EXIT_OK;
}
