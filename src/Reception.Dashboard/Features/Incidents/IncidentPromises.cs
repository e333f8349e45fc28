using FluentValidation;
using Reception.Dashboard.Infrastructure.Scheduling;

namespace Reception.Dashboard.Features.Incidents;

public sealed class MakePromiseValidator : AbstractValidator<MakePromise>
{
    public MakePromiseValidator()
    {
        RuleFor(r => r.What).NotEmpty().WithMessage(_ => IncidentText.Get("Promise.GiveWhat"))
            .MaxText(IncidentPromise.WhatMaxLength);
        RuleFor(r => r.DueAt).NotNull().WithMessage(_ => IncidentText.Get("Promise.GiveDueAt"));
    }
}

/// <summary>
/// The desk's promises to reply later (desk §4.3): made on an incident not yet closed, with what was promised and by
/// when; kept; listed for an incident, and as the desk's list of those coming due. Their time is a scheduler job
/// (<see cref="PromiseDeadlines"/>), armed in the write that makes the promise and disarmed in the one that keeps it.
/// Events carry ids, the time and the state only, never what was promised (desk §2.8).
/// </summary>
public sealed class IncidentPromises(
    SiteWriter writer, IDbContextFactory<ReceptionDbContext> dbFactory, DueScheduler scheduler, TimeProvider clock)
{
    /// <summary>How far ahead the desk's list looks by default: "it shows as it nears its time" (desk §4.3).</summary>
    public static readonly TimeSpan DueWindow = TimeSpan.FromHours(1);

    /// <summary>The furthest ahead the list may look: a day.</summary>
    public const int MaxWindowMinutes = 24 * 60;

    private static readonly MakePromiseValidator Validator = new();

    /// <summary>The list's window as the API's query string gives it, in minutes; out of range is a 422 naming the field.</summary>
    public static TimeSpan WindowFromQuery(int? withinMinutes) => withinMinutes switch
    {
        null => DueWindow,
        { } minutes when minutes is >= 0 and <= MaxWindowMinutes => TimeSpan.FromMinutes(minutes),
        _ => throw RuleViolationException.For("withinMinutes", IncidentText.Get("Promise.Window", MaxWindowMinutes)),
    };

    public Task<IncidentPromiseDto> MakeAsync(SiteCall call, Guid incidentId, MakePromise request)
    {
        var actor = call.Demand(Permission.RaiseIncidents);
        Validator.EnsureValid(request);
        return writer.WriteAsync(call, actor, $"incidents.promise:{incidentId}", request, async (db, events) =>
        {
            var site = await db.Sites.AsNoTracking().SingleOrDefaultAsync(s => s.Id == call.SiteId, call.Cancellation)
                ?? throw NotFoundException.Site(call.SiteId);
            var incident = await db.Incidents.AsNoTracking().FindAtSiteAsync(call, incidentId, IncidentText.Get("Entity.Incident"));
            if (incident.State == IncidentState.Closed)
            {
                throw new ConflictException(IncidentText.Get("Promise.IncidentClosed"));
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var dueAt = DueAtUtc(request.DueAt!.Value, site.TimeZone, now);
            var promise = IncidentPromise.Make(call.SiteId, incident.Id, request.What!.Trim(), dueAt, IncidentActor.Of(call, actor), now);
            db.IncidentPromises.Add(promise);
            await scheduler.ArmAsync(db, events, call.SiteId, PromiseDeadlines.DueKind, promise.Id, incident.Id, dueAt, call.Cancellation);
            events.Add(EventTypes.PromiseMade, promise.ToEvent());
            return promise.ToDto();
        });
    }

    /// <summary>Kept, pending or overdue; a kept one answers the same again, a broken one is refused (409).</summary>
    public Task<IncidentPromiseDto> KeepAsync(SiteCall call, Guid incidentId, Guid promiseId)
    {
        var actor = call.Demand(Permission.RaiseIncidents);
        return writer.WriteAsync(call, actor, $"incidents.promise-keep:{promiseId}", null, async (db, events) =>
        {
            var promise = await db.IncidentPromises.Where(p => p.IncidentId == incidentId)
                .FindAtSiteAsync(call, promiseId, IncidentText.Get("Entity.Promise"));
            if (promise.Keep(IncidentActor.Of(call, actor), clock.GetUtcNow().UtcDateTime))
            {
                await DueScheduler.DisarmAsync(db, PromiseDeadlines.DueKind, [promise.Id], call.Cancellation);
                events.Add(EventTypes.PromiseKept, promise.ToEvent());
            }

            return promise.ToDto();
        });
    }

    /// <summary>An incident's promises, by when they are due.</summary>
    public async Task<IReadOnlyList<IncidentPromiseDto>> ForIncidentAsync(SiteCall call, Guid incidentId)
    {
        call.Demand(Permission.RaiseIncidents);
        await using var db = await dbFactory.CreateDbContextAsync(call.Cancellation);
        await db.Incidents.AsNoTracking().FindAtSiteAsync(call, incidentId, IncidentText.Get("Entity.Incident"));
        var promises = await db.IncidentPromises.AsNoTracking()
            .Where(p => p.IncidentId == incidentId)
            .OrderBy(p => p.DueAt)
            .ToListAsync(call.Cancellation);
        return promises.Select(p => p.ToDto()).ToList();
    }

    /// <summary>
    /// The promises not yet kept that are due within <paramref name="within"/> from now, or already overdue, soonest
    /// first: the desk sees them as they near their time.
    /// </summary>
    public async Task<IReadOnlyList<IncidentPromiseDto>> DueAsync(SiteCall call, TimeSpan within)
    {
        call.Demand(Permission.RaiseIncidents);
        await using var db = await dbFactory.CreateDbContextAsync(call.Cancellation);
        await db.EnsureSiteExistsAsync(call.SiteId, call.Cancellation);
        var until = clock.GetUtcNow().UtcDateTime + within;
        var promises = await db.IncidentPromises.AsNoTracking()
            .Where(p => p.SiteId == call.SiteId && (p.State == PromiseState.Pending || p.State == PromiseState.Overdue) && p.DueAt <= until)
            .OrderBy(p => p.DueAt)
            .ToListAsync(call.Cancellation);
        return promises.Select(p => p.ToDto()).ToList();
    }

    /// <summary>
    /// Closing an incident breaks the promises on it not yet kept (desk §4.3: they end kept or broken) and disarms
    /// their times; called inside the close's write, after its own event.
    /// </summary>
    public static async Task BreakOpenAsync(ReceptionDbContext db, EventBatch events, Guid incidentId, CancellationToken ct)
    {
        var open = await db.IncidentPromises
            .Where(p => p.IncidentId == incidentId && (p.State == PromiseState.Pending || p.State == PromiseState.Overdue))
            .ToListAsync(ct);
        var broken = new List<Guid>();
        foreach (var promise in open)
        {
            if (promise.Break())
            {
                events.Add(EventTypes.PromiseBroken, promise.ToEvent());
                broken.Add(promise.Id);
            }
        }

        if (broken.Count > 0)
        {
            await DueScheduler.DisarmAsync(db, PromiseDeadlines.DueKind, broken, ct);
        }
    }

    /// <summary>
    /// By when, in UTC. A time without an offset is the site's, as the desk types it (a visit's arrival is read the
    /// same way); it must still be to come.
    /// </summary>
    private static DateTime DueAtUtc(DateTime given, TimeZoneInfo zone, DateTime now)
    {
        if (given.Kind == DateTimeKind.Unspecified && zone.IsInvalidTime(given))
        {
            // A local time skipped by a daylight-saving change does not exist at the site.
            throw RuleViolationException.For("dueAt", IncidentText.Get("Promise.DueDoesNotExist"));
        }

        var dueAt = given.Kind == DateTimeKind.Unspecified ? TimeZoneInfo.ConvertTimeToUtc(given, zone) : given.ToUniversalTime();
        return dueAt > now ? dueAt : throw RuleViolationException.For("dueAt", IncidentText.Get("Promise.DuePast"));
    }
}
