using Microsoft.Extensions.Options;
using Reception.Dashboard.Features.Visits;

namespace Reception.Dashboard.Data;

/// <summary>
/// At every start of the demo, a level-1 visit 45 minutes away with its checklists partly done, one
/// post blocked and one order unacknowledged, so the board, the guard's phone and the wall have a live visit to show. It goes through
/// the visit use cases as the system actor <see cref="ActorName"/>, so it reaches the event log like any other change and the
/// archive does not put it on a person. A demo visit someone has worked on since is theirs: a restart leaves it where they put it.
/// </summary>
public sealed class DemoVisit(
    IServiceScopeFactory scopes,
    VisitAnnouncing announcing,
    VisitLifecycle lifecycle,
    PostDuty duty,
    Orders orders,
    IOptions<DatabaseOptions> options,
    TimeProvider clock,
    ILogger<DemoVisit> logger) : IHostedService
{
    public const string Title = "集团总裁参观团 Group president's delegation";
    public const string ActorName = "demo";
    public static readonly TimeSpan Ahead = TimeSpan.FromMinutes(45);

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

        var call = SiteCall.System(ActorName, site.Id, cancellationToken);
        var arrival = clock.GetUtcNow().UtcDateTime + Ahead;
        var now = clock.GetUtcNow().UtcDateTime;
        var planned = await db.Visits.AsNoTracking()
            .Where(v => v.SiteId == site.Id && v.Title == Title && v.Status == VisitStatus.Planned)
            .Select(v => new { v.Id, v.Arrival }).ToListAsync(cancellationToken);
        // A demo visit still planned is the demo's, touched or not: no second one beside it. One that arrived,
        // ended or was cancelled is history, and so is one a person left planned past its arrival: a fresh one is announced.
        var current = false;
        foreach (var demo in planned)
        {
            current |= await ReanchorAsync(db, call, demo.Id, arrival) || demo.Arrival > now;
        }

        if (current)
        {
            return;
        }

        var route = await db.Posts.AsNoTracking()
            .Where(p => p.SiteId == site.Id && !p.Archived && (p.Kind == PostKind.Gate || p.Kind == PostKind.Lobby))
            .OrderBy(p => p.RouteOrder).Select(p => p.Id).Take(4).ToListAsync(cancellationToken);
        var visit = await announcing.AnnounceAsync(call,
            new AnnounceVisit(Title, 1, arrival, route, "总经理 General manager", "车队从东大门进入 Motorcade enters by the east gate"));

        // Partly done: the first posts on the route are dressed and in position, and a gate off the route has a stuck barrier.
        foreach (var post in visit.Posts.Take(3))
        {
            foreach (var item in post.Items.Take(2))
            {
                await duty.TickAsync(call, visit.Visit.Id, item.Id);
            }
        }

        if (visit.Posts.FirstOrDefault(p => p.Kind == PostKind.Gate && !p.OnRoute) is { } blocked)
        {
            await duty.ReportProblemAsync(call, visit.Visit.Id, blocked.PostId, new ReportPostProblem("道闸故障 Barrier arm stuck"));
        }

        // An order the gates have not answered yet: it stands out on the board after two minutes.
        await orders.SendAsync(call, visit.Visit.Id, new SendOrder("东大门保持畅通，车队10分钟后进入 Keep the east gate clear", route.Take(2).ToList()));
        logger.LogInformation("Demo visit announced to arrive in {Minutes} minutes", Ahead.TotalMinutes);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Moves the demo visit to arrive <see cref="Ahead"/> from now, unless a person, phone or token has written to it.</summary>
    /// <returns>Whether it was moved.</returns>
    private async Task<bool> ReanchorAsync(ReceptionDbContext db, SiteCall call, Guid visitId, DateTime arrival)
    {
        var touched = await db.Events.AnyAsync(e => e.SiteId == call.SiteId && e.VisitId == visitId && e.ActorKind != SiteCall.SystemKind, call.Cancellation);
        if (touched)
        {
            logger.LogInformation("Demo visit {VisitId} was changed by a person: left as they left it", visitId);
            return false;
        }

        await lifecycle.RescheduleAsync(call, visitId, new RescheduleVisit(arrival));
        logger.LogInformation("Demo visit moved to arrive in {Minutes} minutes", Ahead.TotalMinutes);
        return true;
    }
}
