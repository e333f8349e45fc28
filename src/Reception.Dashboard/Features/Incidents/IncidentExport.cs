using System.Globalization;
using Reception.Dashboard.Infrastructure.Csv;

namespace Reception.Dashboard.Features.Incidents;

/// <summary>
/// The desk's paper log: the incidents raised on a range of days at the site, oldest first, as CSV through the
/// product's one CSV writer. It names the people, so only those who may read them get it (desk §2.8).
/// </summary>
public sealed class IncidentExport(IDbContextFactory<ReceptionDbContext> dbFactory)
{
    /// <summary>The most days one file covers: a quarter, so a file stays a size a spreadsheet opens at once.</summary>
    public const int MaxDays = 92;

    // Days outside these years are typing mistakes, and the day after the calendar's last one does not exist.
    private static readonly DateOnly Earliest = new(2000, 1, 1);
    private static readonly DateOnly Latest = new(2999, 12, 31);

    // The header's words, in the reader's language; the rows follow this order.
    private static readonly string[] Columns =
    [
        "RaisedAt", "Kind", "Priority", "State", "Unit", "Person", "Phone", "Location", "Text", "Department", "ResolvedAt", "Resolution", "ClosedAt",
    ];

    /// <summary>The range as the API's query string gives it: both days are required, or a 422 names the one missing.</summary>
    public static (DateOnly From, DateOnly To) RangeFromQuery(DateOnly? from, DateOnly? to)
    {
        var errors = new Dictionary<string, string[]>();
        if (from is null)
        {
            errors["from"] = [IncidentText.Get("Export.GiveDay")];
        }

        if (to is null)
        {
            errors["to"] = [IncidentText.Get("Export.GiveDay")];
        }

        return errors.Count > 0 ? throw new RuleViolationException(errors) : (from!.Value, to!.Value);
    }

    public static string FileName(DateOnly from, DateOnly to) =>
        string.Create(CultureInfo.InvariantCulture, $"incidents-{from:yyyy-MM-dd}-{to:yyyy-MM-dd}.csv");

    /// <param name="from">The first day, in the site's time zone.</param>
    /// <param name="to">The last day, included.</param>
    public async Task<string> CsvAsync(SiteCall call, DateOnly from, DateOnly to)
    {
        call.Demand(Permission.SeeIncidentPeople);
        EnsurePlausible(from, to);
        if (to < from)
        {
            throw RuleViolationException.For("to", IncidentText.Get("ToBeforeFrom"));
        }

        if (to.DayNumber - from.DayNumber + 1 > MaxDays)
        {
            throw RuleViolationException.For("to", IncidentText.Get("Export.TooLong", MaxDays));
        }

        var ct = call.Cancellation;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var zone = (await db.Sites.AsNoTracking().SingleOrDefaultAsync(s => s.Id == call.SiteId, ct) ?? throw NotFoundException.Site(call.SiteId)).TimeZone;
        var start = IncidentQueries.DayStartUtc(from, zone);
        var end = IncidentQueries.DayStartUtc(to.AddDays(1), zone);
        var incidents = await db.Incidents.AsNoTracking()
            .Where(i => i.SiteId == call.SiteId && i.RaisedAt >= start && i.RaisedAt < end)
            .OrderBy(i => i.RaisedAt).ThenBy(i => i.Id)
            .ToListAsync(ct);
        var departments = await db.Departments.AsNoTracking().Where(d => d.SiteId == call.SiteId).ToDictionaryAsync(d => d.Id, d => d.Name, ct);

        string? Local(DateTime? utc) => utc is { } at
            ? TimeZoneInfo.ConvertTimeFromUtc(at, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
            : null;

        return CsvFile.Write(
        [
            Columns.Select(column => IncidentText.Get($"Export.{column}")),
            .. incidents.Select(i => new[]
            {
                Local(i.RaisedAt),
                IncidentText.Get($"Kind.{i.Kind}"),
                IncidentText.Get($"Export.Priority.{i.Priority}"),
                IncidentText.Get($"State.{i.State}"),
                i.UnitNumber,
                i.PersonName,
                i.PersonPhone,
                i.Location,
                i.Text,
                i.DepartmentId is { } department ? departments.GetValueOrDefault(department) : null,
                Local(i.ResolvedAt),
                i.Resolution,
                Local(i.ClosedAt),
            }),
        ]);
    }

    private static void EnsurePlausible(DateOnly from, DateOnly to)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (field, day) in new[] { ("from", from), ("to", to) })
        {
            if (day < Earliest || day > Latest)
            {
                errors[field] = [IncidentText.Get("Export.DayRange", Day(Earliest), Day(Latest))];
            }
        }

        if (errors.Count > 0)
        {
            throw new RuleViolationException(errors);
        }
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
