namespace Reception.Dashboard.Features.Incidents;

/// <summary>
/// Incidents for the desk, the board and a department's queue: each caller sees those <see cref="IncidentScope"/>
/// gives them, and the person only where it allows (desk §2.8).
/// </summary>
public sealed class IncidentQueries(IDbContextFactory<ReceptionDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>The most a list answers, newest first: a desk's day is a few dozen; a date range narrows a longer one.</summary>
    public const int ListLimit = 500;

    public async Task<IReadOnlyList<IncidentDto>> ListAsync(SiteCall call, IncidentFilter filter)
    {
        call.Demand(Permission.ViewIncidents);
        await using var db = await dbFactory.CreateDbContextAsync(call.Cancellation);
        var site = await db.Sites.AsNoTracking().SingleOrDefaultAsync(s => s.Id == call.SiteId, call.Cancellation)
            ?? throw NotFoundException.Site(call.SiteId);
        var scope = await IncidentScope.OfAsync(db, call);
        var incidents = scope.Filter(db.Incidents.AsNoTracking().Where(i => i.SiteId == call.SiteId));

        if (filter.State is { } state)
        {
            incidents = incidents.Where(i => i.State == state);
        }

        if (filter.Kind is { } kind)
        {
            incidents = incidents.Where(i => i.Kind == kind);
        }

        // Only an incident not yet resolved has a clock running: the overdue ones are among those.
        if (filter.OpenOnly || filter.Overdue)
        {
            incidents = incidents.Where(i => i.State != IncidentState.Resolved && i.State != IncidentState.Closed);
        }

        if (filter.From is { } firstDay)
        {
            var start = DayStartUtc(firstDay, site.TimeZone);
            incidents = incidents.Where(i => i.RaisedAt >= start);
        }

        // The last day of the calendar has no day after it: everything up to it is every incident.
        if (filter.To is { } lastDay && lastDay < DateOnly.MaxValue)
        {
            var end = DayStartUtc(lastDay.AddDays(1), site.TimeZone);
            incidents = incidents.Where(i => i.RaisedAt < end);
        }

        if (Validation.TrimToNull(filter.Search) is { } search)
        {
            // "A座101" finds "A座 101": the desk types a unit number with or without the space.
            var unit = search.Replace(" ", "");
            incidents = incidents.Where(i => i.Text.Contains(search) || (i.UnitNumber != null && i.UnitNumber.Replace(" ", "").Contains(unit)));
        }

        // Ids are time-ordered: two raised in the same tick still come back in one order.
        var ordered = incidents.OrderByDescending(i => i.RaisedAt).ThenByDescending(i => i.Id);
        var found = filter.Overdue
            ? await OverdueAsync(db, call, ordered)
            : await ordered.Take(ListLimit).ToListAsync(call.Cancellation);
        var departments = await db.Departments.AsNoTracking().Where(d => d.SiteId == call.SiteId)
            .ToDictionaryAsync(d => d.Id, d => d.Name, call.Cancellation);
        return found.Select(i => IncidentMapping.ToDto(
            i, i.DepartmentId is { } id ? departments.GetValueOrDefault(id) : null, scope.SeesPersonOf(i))).ToList();
    }

    public async Task<IncidentDto> GetAsync(SiteCall call, Guid incidentId)
    {
        call.Demand(Permission.ViewIncidents);
        await using var db = await dbFactory.CreateDbContextAsync(call.Cancellation);
        var scope = await IncidentScope.OfAsync(db, call);
        var incident = await scope.FindAsync(db.Incidents.AsNoTracking(), call, incidentId);
        return await IncidentMapping.ToDtoAsync(db, incident, scope, call.Cancellation);
    }

    /// <summary>
    /// The filter as the API's query string gives it: states and kinds by name, as the API writes them (camelCase,
    /// any case), overdue as true or false; an unknown one, or a last day before the first, is a 422 naming the field.
    /// </summary>
    public static IncidentFilter FilterFromQuery(
        string? state, string? kind, DateOnly? from, DateOnly? to, string? search, bool? openOnly, string? overdue)
    {
        var errors = new Dictionary<string, string[]>();
        var parsedState = Parse<IncidentState>(state, "state", errors);
        var parsedKind = Parse<IncidentKind>(kind, "kind", errors);
        if (from > to)
        {
            errors["to"] = [IncidentText.Get("ToBeforeFrom")];
        }

        var parsedOverdue = false;
        if (!string.IsNullOrWhiteSpace(overdue) && !bool.TryParse(overdue, out parsedOverdue))
        {
            errors["overdue"] = [IncidentText.Get("OverdueTrueOrFalse")];
        }

        return errors.Count > 0
            ? throw new RuleViolationException(errors)
            : new IncidentFilter(parsedState, parsedKind, from, to, search, openOnly ?? false, parsedOverdue);
    }

    private static TEnum? Parse<TEnum>(string? value, string field, Dictionary<string, string[]> errors) where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        // Names only, as the JSON reader takes them: Enum.TryParse alone would also take "3" and "open,closed".
        if (value.All(char.IsAsciiLetter) && Enum.TryParse<TEnum>(value, ignoreCase: true, out var parsed))
        {
            return parsed;
        }

        errors[field] = [Validation.ChooseOneOf<TEnum>()];
        return null;
    }

    /// <summary>
    /// The open incidents among <paramref name="open"/> whose time to forward or to resolve has run out. The clocks
    /// follow the site's limits for each kind and priority, so they are read here, after the filters SQL could apply.
    /// </summary>
    private async Task<List<Incident>> OverdueAsync(ReceptionDbContext db, SiteCall call, IQueryable<Incident> open)
    {
        var limits = await IncidentTimeLimits.ForSiteAsync(db, call.SiteId, call.Cancellation);
        var now = clock.GetUtcNow().UtcDateTime;
        var candidates = await open.ToListAsync(call.Cancellation);
        return candidates.Where(i => IncidentClocks.IsOverdue(i, IncidentTimeLimits.Find(limits, i.Kind, i.Priority), now)).Take(ListLimit).ToList();
    }

    /// <summary>When a day begins at the site, in UTC; a midnight a clock change skips begins the day at the first hour that exists.</summary>
    internal static DateTime DayStartUtc(DateOnly day, TimeZoneInfo zone)
    {
        // A day long before the product existed (0001-01-01 in a zone east of Greenwich has no UTC): from the start.
        if (day.Year < 2000)
        {
            return DateTime.MinValue;
        }

        var start = day.ToDateTime(TimeOnly.MinValue);
        while (zone.IsInvalidTime(start))
        {
            start = start.AddMinutes(30);
        }

        return TimeZoneInfo.ConvertTimeToUtc(start, zone);
    }
}
