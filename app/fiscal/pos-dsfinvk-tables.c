/* pos-dsfinvk-tables.c — the DSFinV-K files, their columns and their
 * format (see pos-dsfinvk-tables.h). Names, descriptions, types and
 * lengths are those of the specification's index.xml. */
#include "pos-dsfinvk-tables.h"

#include <string.h>

#define TEXT(name, description, length)                                                                      \
  {                                                                                                          \
    name, description, -1, length                                                                            \
  }
#define NUM(name, description, accuracy)                                                                     \
  {                                                                                                          \
    name, description, accuracy, 0                                                                           \
  }
#define KEY_COLUMNS                                                                                          \
  TEXT ("Z_KASSE_ID", "ID der (Abschluss-) Kasse", 50),                                                      \
      TEXT ("Z_ERSTELLUNG", "Zeitpunkt des Kassenabschlusses", 30),                                          \
      NUM ("Z_NR", "Nr. des Kassenabschlusses", 0)
#define BON_KEY KEY_COLUMNS, TEXT ("BON_ID", "Vorgangs-ID", 40)
#define POS_KEY BON_KEY, TEXT ("POS_ZEILE", "Zeilennummer", 50)

static const PosDsfinvkColumn cashpointclosing[] = {
  KEY_COLUMNS,
  TEXT ("Z_BUCHUNGSTAG", "Vom Erstellungsdatum abweichender Verbuchungstag", 25),
  TEXT ("TAXONOMIE_VERSION", "Version der DFKA-Taxonomie-Kasse", 10),
  TEXT ("Z_START_ID", "Erste BON_ID im Abschluss", 40),
  TEXT ("Z_ENDE_ID", "Letzte BON_ID im Abschluss", 40),
  TEXT ("NAME", "Name des Unternehmens", 60),
  TEXT ("STRASSE", "Straße", 60),
  TEXT ("PLZ", "Postleitzahl", 10),
  TEXT ("ORT", "Ort", 62),
  TEXT ("LAND", "Land", 3),
  TEXT ("STNR", "Steuernummer des Unternehmens", 20),
  TEXT ("USTID", "USTID", 15),
  NUM ("Z_SE_ZAHLUNGEN", "Summe aller Zahlungen", 2),
  NUM ("Z_SE_BARZAHLUNGEN", "Summe aller Barzahlungen", 2),
};

static const PosDsfinvkColumn location[] = {
  KEY_COLUMNS,
  TEXT ("LOC_NAME", "Name des Standortes", 60),
  TEXT ("LOC_STRASSE", "Straße", 60),
  TEXT ("LOC_PLZ", "Postleitzahl", 10),
  TEXT ("LOC_ORT", "Ort", 62),
  TEXT ("LOC_LAND", "Land", 3),
  TEXT ("LOC_USTID", "USTID", 15),
};

static const PosDsfinvkColumn cashregister[] = {
  KEY_COLUMNS,
  TEXT ("KASSE_BRAND", "Marke der Kasse", 50),
  TEXT ("KASSE_MODELL", "Modellbezeichnung", 50),
  TEXT ("KASSE_SERIENNR", "Seriennummer der Kasse", 70),
  TEXT ("KASSE_SW_BRAND", "Markenbezeichnung der Software", 50),
  TEXT ("KASSE_SW_VERSION", "Version der Software", 50),
  TEXT ("KASSE_BASISWAEH_CODE", "Basiswährung der Kasse", 3),
  TEXT ("KEINE_UST_ZUORDNUNG", "UmsatzsteuerNichtErmittelbar", 1),
};

static const PosDsfinvkColumn slaves[] = {
  KEY_COLUMNS,
  TEXT ("TERMINAL_ID", "ID des Terminals", 50),
  TEXT ("TERMINAL_BRAND", "Marke der Terminals", 50),
  TEXT ("TERMINAL_MODELL", "Modellbezeichnung des Terminals", 50),
  TEXT ("TERMINAL_SERIENNR", "Seriennummer des Terminals", 70),
  TEXT ("TERMINAL_SW_BRAND", "Markenbezeichnung der Software", 50),
  TEXT ("TERMINAL_SW_VERSION", "Version der Software", 50),
};

static const PosDsfinvkColumn pa[] = {
  KEY_COLUMNS,
  NUM ("AGENTUR_ID", "ID der Agentur", 0),
  TEXT ("AGENTUR_NAME", "Name des Auftraggebers", 60),
  TEXT ("AGENTUR_STRASSE", "Straße", 60),
  TEXT ("AGENTUR_PLZ", "Postleitzahl", 10),
  TEXT ("AGENTUR_ORT", "Ort", 62),
  TEXT ("AGENTUR_LAND", "Land", 3),
  TEXT ("AGENTUR_STNR", "Steuernummer des Auftraggebers", 20),
  TEXT ("AGENTUR_USTID", "USTID des Auftraggebers", 15),
};

static const PosDsfinvkColumn tse[] = {
  KEY_COLUMNS,
  NUM ("TSE_ID", "ID der TSE - wird nur zur Referenzierung innerhalb eines Kassenabschlusses verwendet", 0),
  TEXT ("TSE_SERIAL", "Seriennummer der TSE", 68),
  TEXT ("TSE_SIG_ALGO", "Der von der TSE verwendete Signaturalgorithmus", 21),
  TEXT ("TSE_ZEITFORMAT", "Das von der TSE verwendete Format für die Log-Time", 31),
  TEXT ("TSE_PD_ENCODING", "Das Text-Encoding der ProcessData (UTF-8 oder ASCII)", 5),
  TEXT ("TSE_PUBLIC_KEY", "Öffentlicher Schlüssel der TSE in base64-Codierung", 512),
  TEXT ("TSE_ZERTIFIKAT_I", "Erste 1000 Zeichen des base64-codierten Zertifikats der TSE", 1000),
  TEXT ("TSE_ZERTIFIKAT_II", "Ggf. Rest des base64-codierten Zertifikats der TSE", 1000),
};

static const PosDsfinvkColumn vat[] = {
  KEY_COLUMNS,
  NUM ("UST_SCHLUESSEL", "ID des Umsatzsteuersatzes", 0),
  NUM ("UST_SATZ", "Prozentsatz", 2),
  TEXT ("UST_BESCHR", "Beschreibung", 55),
};

static const PosDsfinvkColumn businesscases[] = {
  KEY_COLUMNS,
  TEXT ("GV_TYP", "Geschäftsvorfall-Art", 30),
  TEXT ("GV_NAME", "Name des Geschäftsvorfalls", 40),
  NUM ("AGENTUR_ID", "ID der Agentur", 0),
  NUM ("UST_SCHLUESSEL", "ID des USt-Satzes", 0),
  NUM ("Z_UMS_BRUTTO", "Bruttoumsatz", 5),
  NUM ("Z_UMS_NETTO", "Nettoumsatz", 5),
  NUM ("Z_UST", "Umsatzsteuer", 5),
};

static const PosDsfinvkColumn payment[] = {
  KEY_COLUMNS,
  TEXT ("ZAHLART_TYP", "Typ der Zahlart", 25),
  TEXT ("ZAHLART_NAME", "Name der Zahlart", 60),
  NUM ("Z_ZAHLART_BETRAG", "Betrag", 2),
};

static const PosDsfinvkColumn cash_per_currency[] = {
  KEY_COLUMNS,
  TEXT ("ZAHLART_WAEH", "Währung", 3),
  NUM ("ZAHLART_BETRAG_WAEH", "Betrag", 2),
};

static const PosDsfinvkColumn transactions[] = {
  BON_KEY,
  NUM ("BON_NR", "Bonnummer", 0),
  TEXT ("BON_TYP", "Bontyp", 30),
  TEXT ("BON_NAME", "Zusatz-Beschreibung zum Bontyp", 60),
  TEXT ("TERMINAL_ID", "ID des Erfassungsterminals", 50),
  TEXT ("BON_STORNO", "Storno-Kennzeichen", 1),
  TEXT ("BON_START", "Zeitpunkt des Vorgangsstarts", 30),
  TEXT ("BON_ENDE", "Zeitpunkt der Vorgangsbeendigung", 30),
  TEXT ("BEDIENER_ID", "Bediener-ID", 50),
  TEXT ("BEDIENER_NAME", "Bediener-Name", 50),
  NUM ("UMS_BRUTTO", "Brutto-Gesamtumsatz", 2),
  TEXT ("KUNDE_NAME", "Name des Leistungsempfängers", 50),
  TEXT ("KUNDE_ID", "Kundennummer des Leistungsempfängers", 50),
  TEXT ("KUNDE_TYP", "Art des Leistungsempfängers (z. B. Mitarbeiter)", 50),
  TEXT ("KUNDE_STRASSE", "Straße und Hausnummer des Leistungsempfängers", 60),
  TEXT ("KUNDE_PLZ", "PLZ des Leistungsempfängers", 10),
  TEXT ("KUNDE_ORT", "Ort des Leistungsempfängers", 62),
  TEXT ("KUNDE_LAND", "Land des Leistungsempfängers", 3),
  TEXT ("KUNDE_USTID", "UStID des Leistungsempfängers", 15),
  TEXT ("BON_NOTIZ", "Zusätzliche Informationen zum Bonkopf", 255),
};

static const PosDsfinvkColumn datapayment[] = {
  BON_KEY,
  TEXT ("ZAHLART_TYP", "Typ der Zahlart", 25),
  TEXT ("ZAHLART_NAME", "Name der Zahlart", 60),
  TEXT ("ZAHLWAEH_CODE", "Währungscode", 3),
  NUM ("ZAHLWAEH_BETRAG", "Betrag in Fremdwährung", 2),
  NUM ("BASISWAEH_BETRAG", "Betrag in Basiswährung (i.d.R. EUR)", 2),
};

static const PosDsfinvkColumn lines[] = {
  POS_KEY,
  TEXT ("GUTSCHEIN_NR", "Gutschein-Nr.", 50),
  TEXT ("ARTIKELTEXT", "Artikeltext", 255),
  TEXT ("POS_TERMINAL_ID", "ID des POS-Terminals", 50),
  TEXT ("GV_TYP", "Geschäftsvorfall-Art", 30),
  TEXT ("GV_NAME", "Name des Geschäftsvorfalls", 40),
  TEXT ("INHAUS", "Verzehr an Ort und Stelle", 1),
  TEXT ("P_STORNO", "Positionsstorno-Kennzeichnung", 1),
  NUM ("AGENTUR_ID", "ID der Agentur", 0),
  TEXT ("ART_NR", "Artikelnummer", 50),
  TEXT ("GTIN", "GTIN", 50),
  TEXT ("WARENGR_ID", "Warengruppen-ID", 40),
  TEXT ("WARENGR", "Bezeichnung Warengruppe", 50),
  NUM ("MENGE", "Menge", 3),
  NUM ("FAKTOR", "Faktor, z. B. Gebindegrößen", 3),
  TEXT ("EINHEIT", "Maßeinheit, z. B. kg, Liter oder Stück", 50),
  NUM ("STK_BR", "Preis pro Einheit inkl. USt", 5),
};

static const PosDsfinvkColumn itemamounts[] = {
  POS_KEY,
  TEXT ("TYP", "Basispreis, Rabatt oder Zuschlag", 20),
  NUM ("UST_SCHLUESSEL", "ID des USt-Satzes", 0),
  NUM ("PF_BRUTTO", "Bruttoumsatz", 5),
  NUM ("PF_NETTO", "Nettoumsatz", 5),
  NUM ("PF_UST", "Umsatzsteuer", 5),
};

static const PosDsfinvkColumn subitems[] = {
  POS_KEY,
  TEXT ("ZI_ART_NR", "Artikelnummer", 50),
  TEXT ("ZI_GTIN", "GTIN", 50),
  TEXT ("ZI_NAME", "Artikelbezeichnung", 60),
  TEXT ("ZI_WARENGR_ID", "Warengruppen-ID", 40),
  TEXT ("ZI_WARENGR", "Bezeichnung Warengruppe", 50),
  NUM ("ZI_MENGE", "Menge", 3),
  NUM ("ZI_FAKTOR", "Faktor, z. B. Gebindegrößen", 3),
  TEXT ("ZI_EINHEIT", "Maßeinheit, z. B. kg, Liter oder Stück", 50),
  NUM ("ZI_UST_SCHLUESSEL", "ID USt-Satz des Basispreises", 0),
  NUM ("ZI_BASISPREIS_BRUTTO", "Basispreis brutto", 5),
  NUM ("ZI_BASISPREIS_NETTO", "Basispreis netto", 5),
  NUM ("ZI_BASISPREIS_UST", "Basispreis USt", 5),
};

static const PosDsfinvkColumn transactions_tse[] = {
  BON_KEY,
  NUM ("TSE_ID", "Die Id der für eine Transaktion verwendeten TSE", 0),
  NUM ("TSE_TANR", "Die Transaktionsnummer der TSE-Transaktion", 0),
  TEXT ("TSE_TA_START", "Die Log-Time der StartTransaction-Operation", 30),
  TEXT ("TSE_TA_ENDE", "Die Log-Time der FinishTransaction-Operation", 30),
  TEXT ("TSE_TA_VORGANGSART", "Der processType der FinishTransaction-Operation", 30),
  NUM ("TSE_TA_SIGZ", "Der Signaturzähler der FinishTransaction-Operation", 0),
  TEXT ("TSE_TA_SIG", "Die Signatur der FinishTransaction-Operation", 512),
  TEXT ("TSE_TA_FEHLER", "Beschreibung des TSE-Ausfalls oder Fehlers", 200),
  TEXT ("TSE_VORGANGSDATEN", "An die TSE übergebene Daten des Vorgangs", 1000),
};

static const PosDsfinvkColumn transactions_vat[] = {
  BON_KEY,
  NUM ("UST_SCHLUESSEL", "ID des USt-Satzes", 0),
  NUM ("BON_BRUTTO", "Bruttoumsatz", 5),
  NUM ("BON_NETTO", "Nettoumsatz", 5),
  NUM ("BON_UST", "Umsatzsteuer", 5),
};

static const PosDsfinvkColumn lines_vat[] = {
  POS_KEY,
  NUM ("UST_SCHLUESSEL", "ID des USt-Satzes", 0),
  NUM ("POS_BRUTTO", "Bruttoumsatz", 5),
  NUM ("POS_NETTO", "Nettoumsatz", 5),
  NUM ("POS_UST", "Umsatzsteuer", 5),
};

static const PosDsfinvkColumn allocation_groups[] = {
  BON_KEY,
  TEXT ("ABRECHNUNGSKREIS", "z. B. Tischnummer", 50),
};

static const PosDsfinvkColumn references[] = {
  BON_KEY,
  TEXT ("POS_ZEILE", "Zeilennummer des referenzierenden Vorgangs", 50),
  TEXT ("REF_TYP", "Art der Referenz", 20),
  TEXT ("REF_NAME", "Beschreibung bei Art ExterneSonstige", 40),
  TEXT ("REF_DATUM", "Datum des Kassenabschlusses", 30),
  TEXT ("REF_Z_KASSE_ID", "ID der (Abschluss-) Kasse", 50),
  NUM ("REF_Z_NR", "Nr. des Kassenabschlusses", 0),
  TEXT ("REF_BON_ID", "Vorgangs-ID", 40),
};

#define TABLE(file, name, columns)                                                                           \
  {                                                                                                          \
    file, name, columns, G_N_ELEMENTS (columns)                                                              \
  }

static const PosDsfinvkTable tables[POS_DSFINVK_N_TABLES] = {
  TABLE ("cashpointclosing.csv", "Stamm_Abschluss", cashpointclosing),
  TABLE ("location.csv", "Stamm_Orte", location),
  TABLE ("cashregister.csv", "Stamm_Kassen", cashregister),
  TABLE ("slaves.csv", "Stamm_Terminals", slaves),
  TABLE ("pa.csv", "Stamm_Agenturen", pa),
  TABLE ("tse.csv", "Stamm_TSE", tse),
  TABLE ("vat.csv", "Stamm_USt", vat),
  TABLE ("businesscases.csv", "Z_GV_Typ", businesscases),
  TABLE ("payment.csv", "Z_Zahlart", payment),
  TABLE ("cash_per_currency.csv", "Z_Waehrungen", cash_per_currency),
  TABLE ("transactions.csv", "Bonkopf", transactions),
  TABLE ("datapayment.csv", "Bonkopf_Zahlarten", datapayment),
  TABLE ("lines.csv", "Bonpos", lines),
  TABLE ("itemamounts.csv", "Bonpos_Preisfindung", itemamounts),
  TABLE ("subitems.csv", "Bonpos_Zusatzinfo", subitems),
  TABLE ("transactions_tse.csv", "TSE_Transaktionen", transactions_tse),
  TABLE ("transactions_vat.csv", "Bonkopf_USt", transactions_vat),
  TABLE ("lines_vat.csv", "Bonpos_USt", lines_vat),
  TABLE ("allocation_groups.csv", "Bonkopf_AbrKreis", allocation_groups),
  TABLE ("references.csv", "Bon_Referenzen", references),
};

const PosDsfinvkTable *
pos_dsfinvk_table (PosDsfinvkTableId id)
{
  g_return_val_if_fail (id < POS_DSFINVK_N_TABLES, NULL);
  return &tables[id];
}

static gboolean
needs_quotes (const char *text)
{
  size_t length = strlen (text);

  if (length == 0)
    return FALSE;
  return strpbrk (text, ";\"\r\n") != NULL || text[0] == ' ' || text[0] == '\t' || text[length - 1] == ' '
         || text[length - 1] == '\t';
}

static void
append_field (GString *csv, const char *text)
{
  if (!needs_quotes (text))
    {
      g_string_append (csv, text);
      return;
    }
  g_string_append_c (csv, '"');
  for (const char *c = text; *c != '\0'; c++)
    {
      if (*c == '"')
        g_string_append_c (csv, '"');
      g_string_append_c (csv, *c);
    }
  g_string_append_c (csv, '"');
}

GString *
pos_dsfinvk_csv_new (PosDsfinvkTableId id)
{
  const PosDsfinvkTable *table = pos_dsfinvk_table (id);
  GString *csv = g_string_new (NULL);

  for (guint i = 0; i < table->n_columns; i++)
    {
      if (i > 0)
        g_string_append_c (csv, ';');
      g_string_append (csv, table->columns[i].name);
    }
  g_string_append (csv, "\r\n");
  return csv;
}

void
pos_dsfinvk_csv_append (GString *csv, const char *const *fields)
{
  for (guint i = 0; fields[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (csv, ';');
      append_field (csv, fields[i]);
    }
  g_string_append (csv, "\r\n");
}

/* One element on its own line, indented by @depth steps of two spaces. */
static void
xml_line (GString *xml, guint depth, const char *element, const char *text)
{
  g_autofree char *escaped = text != NULL ? g_markup_escape_text (text, -1) : NULL;

  for (guint i = 0; i < depth; i++)
    g_string_append (xml, "  ");
  if (text == NULL)
    g_string_append (xml, element);
  else
    g_string_append_printf (xml, "<%s>%s</%s>", element, escaped, element);
  g_string_append (xml, "\r\n");
}

static void
xml_column (GString *xml, const PosDsfinvkColumn *column)
{
  xml_line (xml, 4, "<VariableColumn>", NULL);
  xml_line (xml, 5, "Name", column->name);
  xml_line (xml, 5, "Description", column->description);
  if (column->accuracy < 0)
    {
      g_autofree char *length = g_strdup_printf ("%d", column->max_length);

      xml_line (xml, 5, "<AlphaNumeric/>", NULL);
      xml_line (xml, 5, "MaxLength", length);
    }
  else if (column->accuracy == 0)
    xml_line (xml, 5, "<Numeric/>", NULL);
  else
    {
      g_autofree char *accuracy = g_strdup_printf ("%d", column->accuracy);

      xml_line (xml, 5, "<Numeric>", NULL);
      xml_line (xml, 6, "Accuracy", accuracy);
      xml_line (xml, 5, "</Numeric>", NULL);
    }
  xml_line (xml, 4, "</VariableColumn>", NULL);
}

static void
xml_table (GString *xml, const PosDsfinvkTable *table)
{
  xml_line (xml, 2, "<Table>", NULL);
  xml_line (xml, 3, "URL", table->file);
  xml_line (xml, 3, "Name", table->name);
  xml_line (xml, 3, "Description", table->file);
  xml_line (xml, 3, "<UTF8/>", NULL);
  xml_line (xml, 3, "DecimalSymbol", ",");
  xml_line (xml, 3, "DigitGroupingSymbol", ".");
  xml_line (xml, 3, "<Range>", NULL);
  xml_line (xml, 4, "From", "2");
  xml_line (xml, 3, "</Range>", NULL);
  xml_line (xml, 3, "<VariableLength>", NULL);
  xml_line (xml, 4, "ColumnDelimiter", ";");
  xml_line (xml, 4, "<RecordDelimiter>&#13;&#10;</RecordDelimiter>", NULL);
  xml_line (xml, 4, "TextEncapsulator", "\"");
  for (guint i = 0; i < table->n_columns; i++)
    xml_column (xml, &table->columns[i]);
  xml_line (xml, 3, "</VariableLength>", NULL);
  xml_line (xml, 2, "</Table>", NULL);
}

char *
pos_dsfinvk_index_xml (const char *name, const char *place, const char *comment)
{
  GString *xml = g_string_new (NULL);

  xml_line (xml, 0, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>", NULL);
  xml_line (xml, 0, "<!DOCTYPE DataSet SYSTEM \"" POS_DSFINVK_DTD_FILE "\">", NULL);
  xml_line (xml, 0, "<DataSet>", NULL);
  xml_line (xml, 1, "Version", "1.0");
  xml_line (xml, 1, "<DataSupplier>", NULL);
  xml_line (xml, 2, "Name", name);
  xml_line (xml, 2, "Location", place);
  xml_line (xml, 2, "Comment", comment);
  xml_line (xml, 1, "</DataSupplier>", NULL);
  xml_line (xml, 1, "<Media>", NULL);
  xml_line (xml, 2, "Name", "DSFinV-K");
  for (guint i = 0; i < POS_DSFINVK_N_TABLES; i++)
    xml_table (xml, &tables[i]);
  xml_line (xml, 1, "</Media>", NULL);
  xml_line (xml, 0, "</DataSet>", NULL);
  return g_string_free (xml, FALSE);
}
