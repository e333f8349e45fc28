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
/// The desk promises a person a reply later (desk §4.3), on an incident not yet closed: what, and by when. Its time is
/// a scheduler job (<see cref="PromiseDeadlines"/>), armed in the same write. The event carries ids, the time and the
/// state only, never what was promised (desk §2.8).
/// </summary>
public sealed class PromiseMaking(SiteWriter writer, DueScheduler scheduler, TimeProvider clock)
{
    private static readonly MakePromiseValidator Validator = new();

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
            return promise.ToDto(incident.UnitNumber, incident.Kind);
        });
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
