using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CsvHelper;
using CsvHelper.Configuration;
using Reception.Dashboard.Features.Admin;
using Reception.Dashboard.Infrastructure.Csv;

namespace Reception.Dashboard.Features.Units;

/// <summary>
/// The units file: one row per person at a unit, columns <c>building,room,name,phone,kind</c>
/// (kind: owner/tenant or 业主/租户). Reading never throws on content: every problem becomes a
/// message on its row, or on the file.
/// </summary>
public static partial class UnitsCsv
{
    public const int MaxRows = 5000;
    public static readonly string[] Columns = ["building", "room", "name", "phone", "kind"];

    public static ImportPreview Read(string text)
    {
        // A stray quote must become a row error, not silently swallow the lines after it.
        var badLines = new HashSet<int>();
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            PrepareHeaderForMatch = args => args.Header.Trim().ToLowerInvariant(),
            MissingFieldFound = null,
            BadDataFound = args => badLines.Add(args.Context.Parser!.RawRow),
            TrimOptions = TrimOptions.Trim,
            DetectDelimiter = true,
        };
        using var reader = new StringReader(text);
        using var csv = new CsvReader(reader, configuration);
        if (!csv.Read() || !csv.ReadHeader())
        {
            return new ImportPreview([], [AdminText.Get("Csv.Empty", string.Join(",", Columns))]);
        }

        var header = csv.HeaderRecord!.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        var missing = Columns.Where(c => c != "phone" && !header.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            return new ImportPreview([], [AdminText.Get("Csv.MissingColumns", string.Join(", ", missing), string.Join(",", Columns))]);
        }

        // A cell our own export guarded against formulas reads back as it was stored.
        string Field(string column) => CsvFile.RestoreCell(csv.GetField(column) ?? "");
        var rows = new List<ImportRow>();
        var seen = new HashSet<(string, string, string)>();
        while (csv.Read())
        {
            if (rows.Count == MaxRows)
            {
                return new ImportPreview(rows, [AdminText.Get("Csv.TooManyRows", MaxRows)]);
            }

            var row = Check(csv.Parser.RawRow, Field("building"), Field("room"), Field("name"), header.Contains("phone") ? Field("phone") : null, Field("kind"));
            if (badLines.Contains(row.Line))
            {
                row = row with { Errors = [AdminText.Get("Csv.UnreadableLine")] };
            }
            else if (row.Errors.Count == 0 && !seen.Add((row.Building, row.Room, row.Name)))
            {
                row = row with { Errors = [AdminText.Get("Csv.Duplicate")] };
            }

            rows.Add(row);
        }

        return new ImportPreview(rows, rows.Count == 0 ? [AdminText.Get("Csv.NoRows")] : []);
    }

    /// <summary>
    /// UTF-8, with or without a BOM. Anything else (Excel's plain "CSV" saves GBK in China) is
    /// refused with a clear message instead of importing garbled names.
    /// </summary>
    public static string Decode(byte[] bytes)
    {
        var preamble = Encoding.UTF8.GetPreamble();
        var start = bytes.AsSpan().StartsWith(preamble) ? preamble.Length : 0;
        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException)
        {
            throw RuleViolationException.For("file", AdminText.Get("Csv.NotUtf8"));
        }
    }

    public static OccupantKind? ParseKind(string kind) => kind.Trim().ToLowerInvariant() switch
    {
        "owner" or "业主" => OccupantKind.Owner,
        "tenant" or "租户" => OccupantKind.Tenant,
        _ => null,
    };

    public static string Write(IEnumerable<UnitDto> units) => CsvFile.Write(
    [
        Columns,
        .. units.SelectMany(unit => unit.Occupants.Select(o => new[] { unit.Building, unit.Room, o.Name, o.Phone, o.Kind.ToString().ToLowerInvariant() })),
    ]);

    private static ImportRow Check(int line, string building, string room, string name, string? phone, string kind)
    {
        var errors = new List<string>();
        Required(errors, "building", building, Unit.BuildingMaxLength);
        Required(errors, "room", room, Unit.RoomMaxLength);
        Required(errors, "name", name, Validation.NameMaxLength);
        if (!string.IsNullOrEmpty(phone) && (phone.Length > Validation.PhoneMaxLength || !PhonePattern().IsMatch(phone)))
        {
            errors.Add(AdminText.Get("Csv.Phone", Validation.PhoneMaxLength));
        }

        if (ParseKind(kind) is null)
        {
            errors.Add(AdminText.Get("Csv.Kind"));
        }

        return new ImportRow(line, building, room, name, string.IsNullOrEmpty(phone) ? null : phone, kind, errors);
    }

    private static void Required(List<string> errors, string field, string value, int max)
    {
        if (value.Length == 0)
        {
            errors.Add(AdminText.Get("Csv.Required", field));
        }
        else if (value.Length > max)
        {
            errors.Add(AdminText.Get("Csv.TooLong", field, max));
        }
        else if (Validation.HasControlCharacters(value))
        {
            errors.Add(AdminText.Get("Csv.ControlCharacters", field));
        }
    }

    [GeneratedRegex(@"^[0-9+\-() ]+$")]
    private static partial Regex PhonePattern();
}
