using System.Globalization;
using System.Text;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Reception.Dashboard.Infrastructure.Csv;

/// <summary>
/// The one way the product writes CSV. Exports are opened in spreadsheet programs, which run a cell
/// that starts like a formula (OWASP "CSV injection": <c>=HYPERLINK(…)</c>, <c>+cmd|…</c>), so such a
/// cell gets a leading apostrophe and is shown as text. An importer reads cells back through
/// <see cref="RestoreCell"/>, so an export → import round trip keeps "+86 139…" exactly.
/// </summary>
public static class CsvFile
{
    private const string ContentType = "text/csv; charset=utf-8";

    private const char Guard = '\'';

    // Tab and carriage return count because some spreadsheet programs skip them before looking for a formula.
    private const string FormulaStarts = "=+-@\t\r";

    /// <summary>The rows (the header first) as CSV text.</summary>
    public static string Write(IEnumerable<IEnumerable<string?>> rows)
    {
        var builder = new StringBuilder();
        using (var writer = new StringWriter(builder))
        using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            foreach (var row in rows)
            {
                foreach (var cell in row)
                {
                    csv.WriteField(Neutralise(cell));
                }

                csv.NextRecord();
            }
        }

        return builder.ToString();
    }

    /// <summary>The file as a download, UTF-8 with a BOM so spreadsheet programs read Chinese.</summary>
    public static FileContentHttpResult Download(string csv, string fileName) =>
        TypedResults.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(), ContentType, fileName);

    public static string? Neutralise(string? cell) => cell is not null && LooksLikeFormula(cell) ? Guard + cell : cell;

    /// <summary>Takes off the one apostrophe <see cref="Neutralise"/> added; any other apostrophe is the cell's own.</summary>
    public static string RestoreCell(string cell) => cell.Length > 1 && cell[0] == Guard && LooksLikeFormula(cell[1..]) ? cell[1..] : cell;

    // Apostrophes already in front count too, so "'=x" is written "''=x" and reads back as it was.
    private static bool LooksLikeFormula(string cell) => cell.TrimStart(Guard) is { Length: > 0 } rest && FormulaStarts.Contains(rest[0]);
}
