using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Features.Incidents;
using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Tests.Features.Incidents;

/// <summary>
/// desk §4.3: a question that cannot be answered now gets a promise to reply later, and that promise must be kept.
/// The desk records what it promised and by when; the promise turns overdue at its time (once, also after a
/// restart) and ends kept, or broken when the incident is closed. desk §2.8: its events never say what was promised.
/// The scheduler runs on a <see cref="FakeTimeProvider"/> started at the real time (cookies read the same clock).
/// </summary>
public sealed class PromiseTests
{
    private const string What = "下午五点前回电告知维修时间 Call back by five with the repair time";

    private static readonly HashSet<string> PromiseEvents =
        [EventTypes.PromiseMade, EventTypes.PromiseKept, EventTypes.PromiseOverdue, EventTypes.PromiseBroken];

    [Fact]
    public async Task Make_OnAnOpenIncident_IsPendingAndListed_AndKeepingItTwiceAnswersTheSame()
    {
        using var app = new TestApp();
        var s = await IncidentSite.CreateAsync(app);
        var incident = await s.RaiseAsync();
        var dueAt = ToTheSecond(DateTime.UtcNow.AddMinutes(30));

        var made = await MakeAsync(s, incident, dueAt);

        Assert.Equal((incident.Id, What, dueAt, PromiseState.Pending, (DateTime?)null), (made.IncidentId, made.What, made.DueAt, made.State, made.KeptAt));
        Assert.Equal([made], await PromisesAsync(s, incident));

        var kept = await (await KeepAsync(s, made)).ReadAsync<IncidentPromiseDto>();
        var again = await (await KeepAsync(s, made)).ReadAsync<IncidentPromiseDto>();

        Assert.Equal(PromiseState.Kept, kept.State);
        Assert.NotNull(kept.KeptAt);
        Assert.Equal(kept, again);
        Assert.Equal([kept], await PromisesAsync(s, incident));
        Assert.Equal(1, await app.QueryDbAsync(db => db.Events.CountAsync(e => e.Type == EventTypes.PromiseKept)));
        Assert.Equal(0, await UnfiredJobsAsync(app));
    }

    [Fact]
    public async Task Make_DueAtWithoutAnOffset_IsReadOnTheSitesClock()
    {
        using var app = new TestApp();
        var s = await IncidentSite.CreateAsync(app);
        var incident = await s.RaiseAsync();
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var local = TimeZoneInfo.ConvertTimeFromUtc(ToTheSecond(DateTime.UtcNow.AddHours(2)), zone);
        using var http = s.Desk.Http();

        var made = await (await http.SendRawAsync(HttpMethod.Post, s.Url($"/{incident.Id}/promises"),
            $$"""{"what":"Call back","dueAt":"{{local.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)}}"}""")).ReadAsync<IncidentPromiseDto>();

        Assert.Equal(TimeZoneInfo.ConvertTimeToUtc(local, zone), made.DueAt);
    }

    [Theory]
    [InlineData("due in the past", "dueAt")]
    [InlineData("no time", "dueAt")]
    [InlineData("nothing promised", "what")]
    [InlineData("too long", "what")]
    public async Task Make_BadInput_Returns422NamingTheField_AndWritesNothing(string input, string field)
    {
        using var app = new TestApp();
        var s = await IncidentSite.CreateAsync(app);
        var incident = await s.RaiseAsync();
        var later = DateTime.UtcNow.AddMinutes(30);
        var request = input switch
        {
            "due in the past" => new MakePromise(What, DateTime.UtcNow.AddMinutes(-1)),
            "no time" => new MakePromise(What, null),
            "nothing promised" => new MakePromise("   ", later),
            _ => new MakePromise(new string('x', IncidentPromise.WhatMaxLength + 1), later),
        };

        var problem = await (await s.SendAsync(s.Desk, $"/{incident.Id}/promises", request)).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
        Assert.Equal(0, await app.QueryDbAsync(db => db.IncidentPromises.CountAsync()));
        Assert.Equal(0, await UnfiredJobsAsync(app));
    }

    [Fact]
    public async Task Make_OnAClosedIncident_Returns409_AndWritesNothing()
    {
        using var app = new TestApp();
        var s = await IncidentSite.CreateAsync(app);
        var closed = await CloseAsync(s, await s.RaiseAsync());

        await (await s.SendAsync(s.Desk, $"/{closed.Id}/promises", new MakePromise(What, DateTime.UtcNow.AddMinutes(30))))
            .ReadProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal(0, await app.QueryDbAsync(db => db.IncidentPromises.CountAsync()));
    }

    [Fact]
    public async Task Pending_TurnsOverdueAtItsTime_ExactlyOnce_AndCanStillBeKept()
    {
        var clock = Clock();
        using var app = new TestApp(clock: clock);
        var s = await IncidentSite.CreateAsync(app);
        var incident = await s.RaiseAsync();
        var made = await MakeAsync(s, incident, clock.GetUtcNow().UtcDateTime.AddMinutes(10));
        await using var listener = await BoardListener.JoinAsync(app, s.Site.Id);

        clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        Assert.True(await NoPromiseEventAsync(listener));
        Assert.Equal(PromiseState.Pending, Assert.Single(await PromisesAsync(s, incident)).State);

        // §4.3: at its time, an alert.
        clock.Advance(TimeSpan.FromSeconds(1));
        var overdue = await NextPromiseEventAsync(listener);
        Assert.Equal(EventTypes.PromiseOverdue, overdue.Type);
        Assert.Equal(new IncidentPromiseChanged(incident.Id, made.Id, made.DueAt, PromiseState.Overdue), overdue.DataAs<IncidentPromiseChanged>());
        Assert.Equal(PromiseState.Overdue, Assert.Single(await PromisesAsync(s, incident)).State);

        clock.Advance(TimeSpan.FromHours(1));
        Assert.True(await NoPromiseEventAsync(listener));
        Assert.Equal(1, await app.QueryDbAsync(db => db.Events.CountAsync(e => e.Type == EventTypes.PromiseOverdue)));

        // Kept late is still kept.
        var kept = await (await KeepAsync(s, made)).ReadAsync<IncidentPromiseDto>();
        Assert.Equal(PromiseState.Kept, kept.State);
    }

    [Fact]
    public async Task Keep_BeforeItsTime_DisarmsIt()
    {
        var clock = Clock();
        using var app = new TestApp(clock: clock);
        var s = await IncidentSite.CreateAsync(app);
        var incident = await s.RaiseAsync();
        var made = await MakeAsync(s, incident, clock.GetUtcNow().UtcDateTime.AddMinutes(10));
        (await KeepAsync(s, made)).EnsureSuccessStatusCode();
        await using var listener = await BoardListener.JoinAsync(app, s.Site.Id);

        clock.Advance(TimeSpan.FromMinutes(30));

        Assert.True(await NoPromiseEventAsync(listener));
        Assert.Equal(PromiseState.Kept, Assert.Single(await PromisesAsync(s, incident)).State);
        Assert.Equal(0, await UnfiredJobsAsync(app));
    }

    [Fact]
    public async Task Restart_AfterItsTimePassedWhileDown_TurnsOverdueOnce()
    {
        var clock = Clock();
        var folder = Path.Combine(Path.GetTempPath(), "reception-tests", Guid.NewGuid().ToString("N"));
        IncidentPromiseDto made;
        Guid siteId;
        using (var first = new TestApp(clock: clock, folder: folder) { KeepFolder = true })
        {
            var s = await IncidentSite.CreateAsync(first);
            made = await MakeAsync(s, await s.RaiseAsync(), clock.GetUtcNow().UtcDateTime.AddMinutes(10));
            siteId = s.Site.Id;
        }

        // Down through its time.
        clock.Advance(TimeSpan.FromHours(1));
        using var second = new TestApp(clock: clock, folder: folder);
        await WaitForAsync(() => second.QueryDbAsync(db => db.Events.CountAsync(e => e.Type == EventTypes.PromiseOverdue)), 1);
        using var http = second.Http();

        var promises = await (await http.GetAsync($"/api/sites/{siteId}/incidents/{made.IncidentId}/promises")).ReadAsync<List<IncidentPromiseDto>>();
        Assert.Equal((made.Id, PromiseState.Overdue), (Assert.Single(promises).Id, promises[0].State));
        Assert.Equal(0, await UnfiredJobsAsync(second));
        Assert.Equal(1, await second.QueryDbAsync(db => db.Events.CountAsync(e => e.Type == EventTypes.PromiseOverdue)));
    }

    [Fact]
    public async Task Close_BreaksThePromisesNotYetKept_DisarmsThem_AndABrokenOneCannotBeKept()
    {
        var clock = Clock();
        using var app = new TestApp(clock: clock);
        var s = await IncidentSite.CreateAsync(app);
        var incident = await s.RaiseAsync();
        var now = clock.GetUtcNow().UtcDateTime;
        var open = await MakeAsync(s, incident, now.AddMinutes(30));
        var kept = await MakeAsync(s, incident, now.AddMinutes(40), "Send the lift report");
        (await KeepAsync(s, kept)).EnsureSuccessStatusCode();
        await using var listener = await BoardListener.JoinAsync(app, s.Site.Id);

        await CloseAsync(s, await s.ReadAsync(incident.Id));

        var events = await EventsUntilAsync(listener, EventTypes.PromiseBroken);
        Assert.Equal(
            [EventTypes.IncidentResolved, EventTypes.IncidentClosed, EventTypes.PromiseBroken],
            events.Select(e => e.Type).Where(t => t is EventTypes.IncidentResolved or EventTypes.IncidentClosed || PromiseEvents.Contains(t)));
        Assert.Equal(new IncidentPromiseChanged(incident.Id, open.Id, open.DueAt, PromiseState.Broken), events[^1].DataAs<IncidentPromiseChanged>());
        Assert.Equal([(open.Id, PromiseState.Broken), (kept.Id, PromiseState.Kept)], (await PromisesAsync(s, incident)).Select(p => (p.Id, p.State)));
        await (await KeepAsync(s, open)).ReadProblemAsync(HttpStatusCode.Conflict);

        // Its time passes: a broken promise does not turn overdue as well.
        clock.Advance(TimeSpan.FromHours(1));
        Assert.True(await NoPromiseEventAsync(listener));
        Assert.Equal(0, await UnfiredJobsAsync(app));
    }

    [Fact]
    public async Task Due_ListsTheOverdueAndThoseDueWithinTheWindow_SoonestFirst()
    {
        var clock = Clock();
        using var app = new TestApp(clock: clock);
        var s = await IncidentSite.CreateAsync(app);
        var incident = await s.RaiseAsync();
        var start = clock.GetUtcNow().UtcDateTime;
        var first = await MakeAsync(s, incident, start.AddMinutes(10));
        var later = await MakeAsync(s, incident, start.AddHours(3));
        var second = await MakeAsync(s, incident, start.AddMinutes(50));
        var kept = await MakeAsync(s, incident, start.AddMinutes(20));
        (await KeepAsync(s, kept)).EnsureSuccessStatusCode();

        clock.Advance(TimeSpan.FromMinutes(15));
        await WaitForAsync(() => app.QueryDbAsync(db => db.Events.CountAsync(e => e.Type == EventTypes.PromiseOverdue)), 1);

        async Task<List<(Guid, PromiseState)>> DueAsync(string query) =>
            (await (await s.GetAsync(s.Desk, $"/promises/due{query}")).ReadAsync<List<IncidentPromiseDto>>()).Select(p => (p.Id, p.State)).ToList();

        // The next hour by default (desk §4.3: it shows as it nears its time), and whatever is overdue.
        Assert.Equal([(first.Id, PromiseState.Overdue), (second.Id, PromiseState.Pending)], await DueAsync(""));
        Assert.Equal([(first.Id, PromiseState.Overdue)], await DueAsync("?withinMinutes=30"));
        Assert.Equal([first.Id, second.Id, later.Id], (await DueAsync("?withinMinutes=180")).Select(p => p.Item1));
        await (await s.GetAsync(s.Desk, "/promises/due?withinMinutes=-1")).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        await (await s.GetAsync(s.Guard, "/promises/due")).ReadProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Due_AndEveryAnswer_SayWhichIncidentItIsOn_ByItsKindAndUnit()
    {
        using var app = new TestApp();
        var s = await IncidentSite.CreateAsync(app);
        var atUnit = await s.RaiseAsync();
        var noUnit = await s.RaiseAsync(new RaiseIncident(IncidentKind.Help, null, "Where are parcels kept?"));
        var now = DateTime.UtcNow;
        var made = await MakeAsync(s, atUnit, now.AddMinutes(10));
        await MakeAsync(s, noUnit, now.AddMinutes(20));

        var due = await (await s.GetAsync(s.Desk, "/promises/due")).ReadAsync<List<IncidentPromiseDto>>();

        // The desk's list of promises coming due tells one incident's from another's.
        Assert.Equal(
            [(atUnit.Id, IncidentKind.Complaint, (string?)IncidentSite.UnitNumber), (noUnit.Id, IncidentKind.Help, (string?)null)],
            due.Select(p => (p.IncidentId, p.Kind, p.UnitNumber)));
        Assert.Equal((IncidentKind.Complaint, IncidentSite.UnitNumber), (made.Kind, made.UnitNumber));
        var kept = await (await KeepAsync(s, made)).ReadAsync<IncidentPromiseDto>();
        Assert.Equal((IncidentKind.Complaint, IncidentSite.UnitNumber), (kept.Kind, kept.UnitNumber));
        Assert.Equal([kept], await PromisesAsync(s, atUnit));
    }

    [Fact]
    public async Task PromiseEvents_CarryIdsTheTimeAndTheStateOnly_NeverWhatWasPromised()
    {
        var clock = Clock();
        using var app = new TestApp(clock: clock);
        var s = await IncidentSite.CreateAsync(app);
        var incident = await s.RaiseAsync();
        await using var listener = await BoardListener.JoinAsync(app, s.Site.Id);
        var now = clock.GetUtcNow().UtcDateTime;

        var kept = await MakeAsync(s, incident, now.AddMinutes(30));
        (await KeepAsync(s, kept)).EnsureSuccessStatusCode();
        await MakeAsync(s, incident, now.AddMinutes(10));
        await MakeAsync(s, incident, now.AddMinutes(40));
        clock.Advance(TimeSpan.FromMinutes(15));
        await WaitForAsync(() => app.QueryDbAsync(db => db.Events.CountAsync(e => e.Type == EventTypes.PromiseOverdue)), 1);
        await CloseAsync(s, await s.ReadAsync(incident.Id));

        var pushed = new List<BoardEvent>();
        while (pushed.Count < 7)
        {
            pushed.Add(await NextPromiseEventAsync(listener));
        }

        var stored = await app.QueryDbAsync(db => db.Events.Where(e => PromiseEvents.Contains(e.Type)).Select(e => e.Data).ToListAsync());
        Assert.Equal(
            [EventTypes.PromiseMade, EventTypes.PromiseKept, EventTypes.PromiseMade, EventTypes.PromiseMade, EventTypes.PromiseOverdue, EventTypes.PromiseBroken, EventTypes.PromiseBroken],
            pushed.Select(e => e.Type));
        Assert.Equal(7, stored.Count);
        // desk §2.8: what was promised may name the person; the hub stream, the wall and the guards' phones hear these.
        foreach (var data in pushed.Select(e => e.Data.GetRawText()).Concat(stored))
        {
            Assert.DoesNotContain("回电告知维修时间", Decoded(data));
            Assert.DoesNotContain("Call back", data);
            using var json = JsonDocument.Parse(data);
            Assert.Equal(["dueAt", "incidentId", "promiseId", "state"], json.RootElement.EnumerateObject().Select(p => p.Name).Order());
        }
    }

    private static FakeTimeProvider Clock() => new(DateTimeOffset.UtcNow);

    private static DateTime ToTheSecond(DateTime utc) => new(utc.Ticks - utc.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);

    private static async Task<IncidentPromiseDto> MakeAsync(IncidentSite s, IncidentDto incident, DateTime dueAt, string what = What) =>
        await (await s.SendAsync(s.Desk, $"/{incident.Id}/promises", new MakePromise(what, dueAt))).ReadAsync<IncidentPromiseDto>();

    private static Task<HttpResponseMessage> KeepAsync(IncidentSite s, IncidentPromiseDto promise) =>
        s.SendAsync(s.Desk, $"/{promise.IncidentId}/promises/{promise.Id}/keep", new { });

    private static async Task<List<IncidentPromiseDto>> PromisesAsync(IncidentSite s, IncidentDto incident) =>
        await (await s.GetAsync(s.Desk, $"/{incident.Id}/promises")).ReadAsync<List<IncidentPromiseDto>>();

    /// <summary>Resolved at the desk, then closed once the person was told.</summary>
    private static async Task<IncidentDto> CloseAsync(IncidentSite s, IncidentDto incident)
    {
        var resolved = await s.MoveAsync(s.Desk, incident, "resolve", new ResolveIncident("Told the owner", incident.Version));
        return await s.MoveAsync(s.Desk, resolved, "close", new CloseIncident(resolved.Version));
    }

    private static Task<int> UnfiredJobsAsync(TestApp app) =>
        app.QueryDbAsync(db => db.DueJobs.CountAsync(j => j.Kind == PromiseDeadlines.DueKind && j.FiredAt == null));

    /// <summary>The next promise event; the incident's own events, and those of its own clocks, pass by.</summary>
    private static async Task<BoardEvent> NextPromiseEventAsync(BoardListener listener)
    {
        while (true)
        {
            var next = (await listener.NextEventsAsync(1))[0];
            if (PromiseEvents.Contains(next.Type))
            {
                return next;
            }
        }
    }

    /// <summary>True when no promise event arrives for a second.</summary>
    private static async Task<bool> NoPromiseEventAsync(BoardListener listener)
    {
        try
        {
            while (true)
            {
                var next = (await listener.NextEventsAsync(1, TimeSpan.FromSeconds(1)))[0];
                if (PromiseEvents.Contains(next.Type))
                {
                    return false;
                }
            }
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    private static async Task<List<BoardEvent>> EventsUntilAsync(BoardListener listener, string type)
    {
        var seen = new List<BoardEvent>();
        while (seen.LastOrDefault()?.Type != type)
        {
            seen.AddRange(await listener.NextEventsAsync(1));
        }

        return seen;
    }

    private static async Task WaitForAsync(Func<Task<int>> count, int expected)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await count() < expected)
        {
            await Task.Delay(50, timeout.Token);
        }
    }

    // JSON may escape non-ASCII: compare the decoded text.
    private static string Decoded(string json) =>
        Regex.Replace(json, @"\\u([0-9A-Fa-f]{4})", m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString());
}
