using Microsoft.Extensions.Options;
using Reception.Dashboard.Features.Incidents;
using Reception.Dashboard.Infrastructure.Scheduling;

namespace Reception.Dashboard.Data;

/// <summary>
/// Lobby incidents at different stages, so the desk, the board and engineering's queue have work to show: a complaint
/// a few minutes from its time to forward, with a promise to call back due within the hour (desk §4.3), a repair forwarded to and taken by engineering, a lobby situation forwarded
/// to security and escalated to the supervisor on duty, not yet acknowledged (desk §2.9), a help request closed. They
/// are raised and moved once, through the incident use cases as the system actor <see cref="DemoVisit.ActorName"/>,
/// when the demo site has no incident yet. At every start those no person has moved since are moved in time, so each
/// is as old as <see cref="Ages"/> says, and their clocks run again from there.
/// </summary>
public sealed class DemoIncidents(
    IServiceScopeFactory scopes,
    IncidentRaising raising,
    IncidentForwarding forwarding,
    IncidentTaking taking,
    IncidentResolving resolving,
    IncidentClosing closing,
    IncidentEscalating escalating,
    IncidentClockArming clocks,
    PromiseMaking promises,
    DueScheduler scheduler,
    SiteWriter writer,
    IOptions<DatabaseOptions> options,
    TimeProvider clock,
    ILogger<DemoIncidents> logger) : IHostedService
{
    /// <summary>
    /// How long after the demo complaint was raised the desk's promise on it falls due (desk §4.3); it moves with the
    /// complaint, so at every start it is due <c>PromiseAhead - Ages[Complaint]</c> from now: within the hour.
    /// </summary>
    public static readonly TimeSpan PromiseAhead = TimeSpan.FromMinutes(40);

    /// <summary>How long ago each demo incident was raised, at every start. The demo raises one of each of these kinds.</summary>
    public static readonly IReadOnlyDictionary<IncidentKind, TimeSpan> Ages = new Dictionary<IncidentKind, TimeSpan>
    {
        // Three minutes before a normal complaint's default time to forward runs out: the board shows it running out.
        [IncidentKind.Complaint] = TimeSpan.FromMinutes(12),
        [IncidentKind.Repair] = TimeSpan.FromMinutes(50),
        [IncidentKind.LobbySituation] = TimeSpan.FromMinutes(10),
        [IncidentKind.Help] = TimeSpan.FromHours(3),
    };

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.SeedDemoData)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReceptionDbContext>();
        var site = await db.Sites.AsNoTracking().SingleOrDefaultAsync(s => s.Name == DemoData.SiteName, cancellationToken);
        if (site is null)
        {
            return;
        }

        var call = SiteCall.System(DemoVisit.ActorName, site.Id, cancellationToken);
        if (!await db.Incidents.AnyAsync(i => i.SiteId == site.Id, cancellationToken))
        {
            await RaiseAsync(db, call);
        }

        await ReanchorAsync(call);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task RaiseAsync(ReceptionDbContext db, SiteCall call)
    {
        // Owners of the first units, as the desk picks a person from the unit's owners and tenants.
        var units = await db.Units.AsNoTracking().Where(u => u.SiteId == call.SiteId).Include(u => u.Occupants)
            .OrderBy(u => u.Building).ThenBy(u => u.Room).Take(3).ToListAsync(call.Cancellation);
        var engineering = await db.Departments.AsNoTracking()
            .FirstOrDefaultAsync(d => d.SiteId == call.SiteId && d.Name == DemoData.EngineeringDepartment, call.Cancellation);
        var security = await db.Departments.AsNoTracking()
            .FirstOrDefaultAsync(d => d.SiteId == call.SiteId && d.Name == DemoData.SecurityDepartment, call.Cancellation);
        if (engineering is null || security is null || units.Count < 3 || units.Any(u => u.Occupants.Count == 0))
        {
            // A kept demo database someone has reshaped: no demo incidents rather than a server that will not start.
            logger.LogInformation("Demo incidents skipped: the demo's engineering or security department or its first units are gone");
            return;
        }

        RaiseIncident About(IncidentKind kind, string text, int unit, string? location = null) =>
            new(kind, IncidentPriority.Normal, text, units[unit].Id, units[unit].Occupants[0].Name, units[unit].Occupants[0].Phone, location);

        var complaint = await raising.RaiseAsync(call, About(IncidentKind.Complaint, "楼上装修午休时间仍在施工，噪音很大 Upstairs renovation still noisy during the midday rest", 0));
        await promises.MakeAsync(call, complaint.Id, new MakePromise(
            "联系装修户后回电业主 Call the owner back after speaking to the renovating neighbour", clock.GetUtcNow().UtcDateTime + PromiseAhead));

        var repair = await raising.RaiseAsync(call, About(IncidentKind.Repair, "卫生间天花板漏水 Bathroom ceiling leaking", 1) with { Priority = IncidentPriority.Urgent });
        repair = await forwarding.ForwardAsync(call, repair.Id, new ForwardIncident(engineering.Id, repair.Version));
        await taking.TakeAsync(call, repair.Id, new TakeIncident(repair.Version));

        var situation = await raising.RaiseAsync(call, new RaiseIncident(
            IncidentKind.LobbySituation, IncidentPriority.Urgent, "小孩在大堂与家人走散 A child lost their family in the lobby", Location: "A座大堂休息区 Tower A lobby lounge"));
        situation = await forwarding.ForwardAsync(call, situation.Id, new ForwardIncident(security.Id, situation.Version));
        await escalating.EscalateAsync(call, situation.Id, new EscalateIncident(situation.Version));

        var help = await raising.RaiseAsync(call, About(IncidentKind.Help, "询问快递代收点位置 Asked where parcels are kept", 2));
        help = await resolving.ResolveAsync(call, help.Id, new ResolveIncident("已告知在B座一楼 Told: Tower B, ground floor", help.Version));
        await closing.CloseAsync(call, help.Id, new CloseIncident(help.Version));
        logger.LogInformation("Demo incidents raised");
    }

    /// <summary>Moves each demo incident no person, phone or token has moved so that it was raised <see cref="Ages"/> ago.</summary>
    private async Task ReanchorAsync(SiteCall call)
    {
        var actor = call.Demand(Permission.RaiseIncidents);
        var incidentEvents = EventTypes.IncidentEvents.ToList();
        var moved = await writer.WriteAsync(call, actor, "incidents.demo-reanchor", null, async (write, events) =>
        {
            var demo = await write.Incidents
                .Where(i => i.SiteId == call.SiteId && i.RaisedByKind == SiteCall.SystemKind && i.RaisedById == DemoVisit.ActorName)
                .ToListAsync(call.Cancellation);
            var now = clock.GetUtcNow().UtcDateTime;
            var count = 0;
            foreach (var incident in demo.Where(i => Ages.ContainsKey(i.Kind)))
            {
                var id = incident.Id.ToString();
                var touched = await write.Events.AnyAsync(
                    e => e.SiteId == call.SiteId && incidentEvents.Contains(e.Type) && e.ActorKind != SiteCall.SystemKind && e.Data.Contains(id),
                    call.Cancellation);
                if (!touched)
                {
                    var by = now - Ages[incident.Kind] - incident.RaisedAt;
                    incident.MoveInTime(by);
                    await MoveClocksAsync(write, events, incident, by, call.Cancellation);
                    count++;
                }
            }

            return count;
        });
        logger.LogInformation("{Count} demo incidents moved to their ages", moved);
    }

    /// <summary>
    /// A demo incident's escalation by the desk moves with it; what its clocks did is undone and they run anew from its
    /// new times, so the demo's complaint runs out of time again a few minutes after every start.
    /// </summary>
    private async Task MoveClocksAsync(ReceptionDbContext db, EventBatch events, Incident incident, TimeSpan by, CancellationToken ct)
    {
        var escalations = await db.IncidentEscalations.Where(e => e.IncidentId == incident.Id).ToListAsync(ct);
        foreach (var escalation in escalations)
        {
            if (escalation.Reason is EscalationReason.NotForwardedInTime or EscalationReason.NotResolvedInTime)
            {
                db.IncidentEscalations.Remove(escalation);
            }
            else
            {
                escalation.MoveInTime(by);
            }
        }

        await clocks.ArmAsync(db, events, incident, ct);

        // Its promises not yet kept move with it, and fall due afresh.
        var now = clock.GetUtcNow().UtcDateTime;
        var promises = await db.IncidentPromises
            .Where(p => p.IncidentId == incident.Id && (p.State == PromiseState.Pending || p.State == PromiseState.Overdue)).ToListAsync(ct);
        foreach (var promise in promises)
        {
            promise.MoveInTime(by, now);
            await scheduler.ArmAsync(db, events, incident.SiteId, PromiseDeadlines.DueKind, promise.Id, incident.Id, promise.DueAt, ct);
        }
    }
}
