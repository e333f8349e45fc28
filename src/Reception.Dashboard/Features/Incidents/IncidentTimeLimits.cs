namespace Reception.Dashboard.Features.Incidents;

/// <summary>
/// A site's time limits for its incidents, one pair per kind and priority: forwarded within the first, resolved within
/// the second, or the incident escalates by itself to the supervisor on duty. A kind and priority the site set nothing
/// for has the product's defaults (<see cref="Default"/>). Setting them names the site's own; the rest keep the
/// defaults. Clocks not yet run out move to the new limits at once; one that ran out stays so.
/// </summary>
public sealed class IncidentTimeLimits(IDbContextFactory<ReceptionDbContext> dbFactory, SiteWriter writer, IncidentClockArming clocks)
{
    public const int MinMinutes = 1;

    /// <summary>A day: a limit beyond it is no longer a reminder to act.</summary>
    public const int MaxMinutes = 1440;

    /// <summary>
    /// The product's limits: the more pressing the kind, the shorter; urgent ones much shorter. The desk forwards
    /// "promptly" (desk §0.1, §4.5); a lobby situation is handled within the hour.
    /// </summary>
    public static (TimeSpan Forward, TimeSpan Resolve) Default(IncidentKind kind, IncidentPriority priority) => (kind, priority) switch
    {
        (IncidentKind.Complaint, IncidentPriority.Urgent) => (TimeSpan.FromMinutes(5), TimeSpan.FromHours(4)),
        (IncidentKind.Complaint, _) => (TimeSpan.FromMinutes(15), TimeSpan.FromHours(24)),
        (IncidentKind.Help, IncidentPriority.Urgent) => (TimeSpan.FromMinutes(3), TimeSpan.FromHours(1)),
        (IncidentKind.Help, _) => (TimeSpan.FromMinutes(10), TimeSpan.FromHours(2)),
        (IncidentKind.LobbySituation, IncidentPriority.Urgent) => (TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(30)),
        (IncidentKind.LobbySituation, _) => (TimeSpan.FromMinutes(5), TimeSpan.FromHours(1)),
        // Repairs and anything else: a part may have to be found, so a day to resolve.
        (_, IncidentPriority.Urgent) => (TimeSpan.FromMinutes(10), TimeSpan.FromHours(8)),
        _ => (TimeSpan.FromMinutes(30), TimeSpan.FromHours(24)),
    };

    /// <summary>Every kind and priority, the site's own limits or the defaults; the board reads them for the time left.</summary>
    public async Task<IReadOnlyList<IncidentTimeLimitDto>> GetAsync(SiteCall call)
    {
        call.Demand(Permission.ViewIncidents);
        await using var db = await dbFactory.CreateDbContextAsync(call.Cancellation);
        await db.EnsureSiteExistsAsync(call.SiteId, call.Cancellation);
        return await ForSiteAsync(db, call.SiteId, call.Cancellation);
    }

    public Task<IReadOnlyList<IncidentTimeLimitDto>> SetAsync(SiteCall call, SetIncidentTimeLimits request)
    {
        var actor = call.Demand(Permission.ManageIncidentLimits);
        var named = Checked(request);
        var (siteId, ct) = (call.SiteId, call.Cancellation);
        return writer.WriteAsync(call, actor, $"incidents.limits:{siteId}", request, async (db, events) =>
        {
            await db.EnsureSiteExistsAsync(siteId, ct);
            await db.IncidentTimeLimits.Where(l => l.SiteId == siteId).ExecuteDeleteAsync(ct);
            db.IncidentTimeLimits.AddRange(named.Select(l => new IncidentTimeLimit
            {
                SiteId = siteId, Kind = l.Kind, Priority = l.Priority, ForwardWithinMinutes = l.ForwardWithinMinutes, ResolveWithinMinutes = l.ResolveWithinMinutes,
            }));
            var limits = Complete(named);
            await clocks.RearmUnfiredAsync(db, events, siteId, limits, ct);
            events.Add(EventTypes.IncidentLimitsChanged, new { SiteId = siteId });
            return limits;
        });
    }

    /// <summary>The site's limits for every kind and priority, inside the caller's context.</summary>
    internal static async Task<IReadOnlyList<IncidentTimeLimitDto>> ForSiteAsync(ReceptionDbContext db, Guid siteId, CancellationToken ct)
    {
        var own = await db.IncidentTimeLimits.AsNoTracking().Where(l => l.SiteId == siteId).ToListAsync(ct);
        return Complete(own.Select(l => l.ToDto()).ToList());
    }

    /// <summary>The site's limit for one kind and priority, inside the caller's context.</summary>
    internal static async Task<IncidentTimeLimitDto> ForAsync(ReceptionDbContext db, Guid siteId, IncidentKind kind, IncidentPriority priority, CancellationToken ct)
    {
        var own = await db.IncidentTimeLimits.AsNoTracking().SingleOrDefaultAsync(l => l.SiteId == siteId && l.Kind == kind && l.Priority == priority, ct);
        return own?.ToDto() ?? DefaultDto(kind, priority);
    }

    /// <summary>The limit of <paramref name="kind"/> and <paramref name="priority"/> among a complete list.</summary>
    internal static IncidentTimeLimitDto Find(IReadOnlyList<IncidentTimeLimitDto> limits, IncidentKind kind, IncidentPriority priority) =>
        limits.FirstOrDefault(l => l.Kind == kind && l.Priority == priority) ?? DefaultDto(kind, priority);

    private static IncidentTimeLimitDto DefaultDto(IncidentKind kind, IncidentPriority priority)
    {
        var (forward, resolve) = Default(kind, priority);
        return new IncidentTimeLimitDto(kind, priority, (int)forward.TotalMinutes, (int)resolve.TotalMinutes);
    }

    /// <summary>Every kind and priority, by kind then priority: the named ones, the defaults for the rest.</summary>
    private static IReadOnlyList<IncidentTimeLimitDto> Complete(IReadOnlyList<IncidentTimeLimitDto> named) =>
        Enum.GetValues<IncidentKind>()
            .SelectMany(kind => Enum.GetValues<IncidentPriority>().Select(priority => Find(named, kind, priority)))
            .ToList();

    /// <summary>The named limits, or a 422 naming each field at fault: minutes in range, resolving no sooner than forwarding, each kind and priority once.</summary>
    private static IReadOnlyList<IncidentTimeLimitDto> Checked(SetIncidentTimeLimits request)
    {
        var limits = request.Limits ?? throw RuleViolationException.For("limits", IncidentText.Get("TimeLimitRefusal.Give"));
        var errors = new Dictionary<string, string[]>();
        var seen = new HashSet<(IncidentKind, IncidentPriority)>();
        for (var i = 0; i < limits.Count; i++)
        {
            var field = $"limits[{i}]";
            // The contract's types cannot keep a null out of a JSON list.
            if (limits[i] is not { } limit)
            {
                errors[field] = [IncidentText.Get("TimeLimitRefusal.Give")];
                continue;
            }

            if (!Enum.IsDefined(limit.Kind))
            {
                errors[$"{field}.kind"] = [Validation.ChooseOneOf<IncidentKind>()];
            }

            if (!Enum.IsDefined(limit.Priority))
            {
                errors[$"{field}.priority"] = [Validation.ChooseOneOf<IncidentPriority>()];
            }

            if (limit.ForwardWithinMinutes is < MinMinutes or > MaxMinutes)
            {
                errors[$"{field}.forwardWithinMinutes"] = [IncidentText.Get("TimeLimitRefusal.Range", MinMinutes, MaxMinutes)];
            }

            if (limit.ResolveWithinMinutes is < MinMinutes or > MaxMinutes)
            {
                errors[$"{field}.resolveWithinMinutes"] = [IncidentText.Get("TimeLimitRefusal.Range", MinMinutes, MaxMinutes)];
            }
            else if (limit.ResolveWithinMinutes < limit.ForwardWithinMinutes)
            {
                errors[$"{field}.resolveWithinMinutes"] = [IncidentText.Get("TimeLimitRefusal.ResolveBeforeForward")];
            }

            if (!seen.Add((limit.Kind, limit.Priority)))
            {
                errors[field] = [IncidentText.Get("TimeLimitRefusal.Repeated")];
            }
        }

        return errors.Count > 0 ? throw new RuleViolationException(errors) : limits;
    }
}
