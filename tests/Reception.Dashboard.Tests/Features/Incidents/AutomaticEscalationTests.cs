using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Features.Incidents;
using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Tests.Features.Incidents;

/// <summary>
/// An incident not forwarded, or not resolved, within its site's time limits escalates by itself to the supervisor on
/// duty, as the system, once: the scheduler on a <see cref="FakeTimeProvider"/> started at the real time (cookies read
/// the same clock). The site has no roster, so the supervisor on duty is its one Supervisor, "supervisor".
/// </summary>
public sealed class AutomaticEscalationTests
{
    private static FakeTimeProvider Clock() => new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task NotForwardedWithinTheLimit_EscalatesOnceToTheSupervisorOnDuty_AsTheSystem()
    {
        var clock = Clock();
        using var app = new TestApp(clock: clock);
        var s = await IncidentSite.CreateAsync(app);
        var raised = await s.RaiseAsync(); // a normal complaint: forwarded within 15 minutes
        await using var listener = await BoardListener.JoinAsync(app, s.Site.Id);

        clock.Advance(TimeSpan.FromMinutes(14));
        Assert.True(await listener.StaysQuietAsync(TimeSpan.FromSeconds(1)));
        clock.Advance(TimeSpan.FromMinutes(1));
        var pushed = Assert.Single(await listener.NextEventsAsync(1));
        clock.Advance(TimeSpan.FromHours(2));
        Assert.True(await listener.StaysQuietAsync(TimeSpan.FromSeconds(1)));

        Assert.Equal((EventTypes.IncidentEscalated, "system", "scheduler"), (pushed.Type, pushed.Actor!.Kind, pushed.Actor.Id));
        var escalation = Assert.Single(await EscalationsAsync(s, raised.Id));
        Assert.Equal((EscalationReason.NotForwardedInTime, "supervisor", raised.RaisedAt.AddMinutes(15)), (escalation.Reason, escalation.Duty, escalation.At));
        Assert.Equal(["supervisor"], escalation.Addressees);
        using var desk = s.Desk.Http();
        var figures = await (await desk.GetAsync(s.Url("/figures"))).ReadAsync<FrontDeskFiguresDto>();
        Assert.Equal(new FrontDeskFiguresDto(1, 1, 1, raised.RaisedAt), figures);
    }

    [Fact]
    public async Task ForwardedInTime_NeverEscalates()
    {
        var clock = Clock();
        using var app = new TestApp(clock: clock);
        var s = await IncidentSite.CreateAsync(app);
        var raised = await s.RaiseAsync();
        clock.Advance(TimeSpan.FromMinutes(10));
        await s.ForwardAsync(raised, s.Engineering);
        await using var listener = await BoardListener.JoinAsync(app, s.Site.Id);

        clock.Advance(TimeSpan.FromHours(2));

        Assert.True(await listener.StaysQuietAsync(TimeSpan.FromSeconds(1)));
        Assert.Empty(await EscalationsAsync(s, raised.Id));
        Assert.Equal(0, await app.QueryDbAsync(db => db.DueJobs.CountAsync(j => j.Kind == IncidentClockArming.ForwardKind)));
    }

    [Fact]
    public async Task Resolved_DisarmsBothClocks()
    {
        var clock = Clock();
        using var app = new TestApp(clock: clock);
        var s = await IncidentSite.CreateAsync(app);
        var help = await s.RaiseAsync(new RaiseIncident(IncidentKind.Help, null, "Where are parcels kept?")); // 10 minutes, 2 hours
        await s.MoveAsync(s.Desk, help, "resolve", new ResolveIncident("Tower B, ground floor", help.Version));
        await using var listener = await BoardListener.JoinAsync(app, s.Site.Id);

        clock.Advance(TimeSpan.FromHours(3));

        Assert.True(await listener.StaysQuietAsync(TimeSpan.FromSeconds(1)));
        Assert.Empty(await EscalationsAsync(s, help.Id));
        Assert.Equal(0, await app.QueryDbAsync(db => db.DueJobs.CountAsync(j => j.Kind == IncidentClockArming.ForwardKind || j.Kind == IncidentClockArming.ResolveKind)));
    }

    [Fact]
    public async Task Reopened_ItsClocksRunAgainFromTheReopening_AndEscalateOnceMore()
    {
        var clock = Clock();
        using var app = new TestApp(clock: clock);
        var s = await IncidentSite.CreateAsync(app);
        var help = await s.RaiseAsync(new RaiseIncident(IncidentKind.Help, null, "Where are parcels kept?"));
        clock.Advance(TimeSpan.FromMinutes(10));
        await WaitForAsync(() => app.QueryDbAsync(db => db.IncidentEscalations.CountAsync()), 1);

        var resolved = await s.MoveAsync(s.Desk, help, "resolve", new ResolveIncident(null, help.Version));
        var reopened = await s.MoveAsync(s.Desk, resolved, "reopen", new ReopenIncident("Not found there", resolved.Version));
        clock.Advance(TimeSpan.FromMinutes(10));
        await WaitForAsync(() => app.QueryDbAsync(db => db.IncidentEscalations.CountAsync()), 2);

        var escalations = await EscalationsAsync(s, help.Id);
        Assert.Equal([EscalationReason.NotForwardedInTime, EscalationReason.NotForwardedInTime], escalations.Select(e => e.Reason));
        Assert.Equal(reopened.ReopenedAt!.Value.AddMinutes(10), escalations[1].At);
    }

    [Fact]
    public async Task Restart_AfterTheLimitPassedWhileDown_CatchesUpExactlyOnce()
    {
        var clock = Clock();
        var folder = Path.Combine(Path.GetTempPath(), "reception-tests", Guid.NewGuid().ToString("N"));
        Guid siteId, incidentId;
        using (var first = new TestApp(clock: clock, folder: folder) { KeepFolder = true })
        {
            var s = await IncidentSite.CreateAsync(first);
            (siteId, incidentId) = (s.Site.Id, (await s.RaiseAsync()).Id);
        }

        // Down through the 15 minutes to forward it.
        clock.Advance(TimeSpan.FromMinutes(20));
        using (var second = new TestApp(clock: clock, folder: folder) { KeepFolder = true })
        {
            await WaitForAsync(() => second.QueryDbAsync(db => db.IncidentEscalations.CountAsync()), 1);
        }

        using var third = new TestApp(clock: clock, folder: folder);
        await using var listener = await BoardListener.JoinAsync(third, siteId);
        Assert.True(await listener.StaysQuietAsync(TimeSpan.FromSeconds(1)));

        var reasons = await third.QueryDbAsync(db => db.IncidentEscalations.Where(e => e.IncidentId == incidentId).Select(e => e.Reason).ToListAsync());
        Assert.Equal([EscalationReason.NotForwardedInTime], reasons);
        Assert.Equal(1, await third.QueryDbAsync(db => db.Events.CountAsync(e => e.Type == EventTypes.IncidentEscalated)));
    }

    [Fact]
    public async Task ChangingTheLimits_MovesTheClocksNotYetRunOut_AndLeavesOneThatRanOut()
    {
        var clock = Clock();
        using var app = new TestApp(clock: clock);
        var s = await IncidentSite.CreateAsync(app);
        var raised = await s.RaiseAsync();
        using var admin = app.Http();
        async Task SetForwardWithinAsync(int minutes) =>
            await (await admin.SendJsonAsync(HttpMethod.Put, s.Url("/limits"),
                new SetIncidentTimeLimits([new IncidentTimeLimitDto(IncidentKind.Complaint, IncidentPriority.Normal, minutes, 1440)])))
                .ReadAsync<List<IncidentTimeLimitDto>>();

        await SetForwardWithinAsync(30);
        await using var listener = await BoardListener.JoinAsync(app, s.Site.Id);
        clock.Advance(TimeSpan.FromMinutes(20)); // past the 15 minutes it had when raised
        Assert.True(await listener.StaysQuietAsync(TimeSpan.FromSeconds(1)));
        clock.Advance(TimeSpan.FromMinutes(10));
        var escalated = Assert.Single(await listener.NextEventsAsync(1));

        // Run out once: a longer limit now does not make it run out again.
        await SetForwardWithinAsync(45);
        Assert.Equal(EventTypes.IncidentLimitsChanged, Assert.Single(await listener.NextEventsAsync(1)).Type);
        clock.Advance(TimeSpan.FromMinutes(20));
        Assert.True(await listener.StaysQuietAsync(TimeSpan.FromSeconds(1)));

        Assert.Equal(EventTypes.IncidentEscalated, escalated.Type);
        var escalation = Assert.Single(await EscalationsAsync(s, raised.Id));
        Assert.Equal(raised.RaisedAt.AddMinutes(30), escalation.At);
    }

    private static async Task<List<IncidentEscalationDto>> EscalationsAsync(IncidentSite s, Guid incidentId) =>
        await (await s.GetAsync(s.Desk, $"/{incidentId}/escalations")).ReadAsync<List<IncidentEscalationDto>>(HttpStatusCode.OK);

    private static async Task WaitForAsync(Func<Task<int>> count, int expected)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await count() < expected)
        {
            await Task.Delay(50, timeout.Token);
        }
    }
}
