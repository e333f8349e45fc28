using System.Globalization;
using System.Net;
using Microsoft.Extensions.Time.Testing;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Tests.Features.Incidents;

/// <summary>The desk's lists: by state, kind and day (the site's), open ones only, overdue ones, and a search by unit or text.</summary>
public sealed class IncidentQueriesTests
{
    [Fact]
    public async Task List_ByStateKindAndOpenOnly_NewestFirst()
    {
        using var app = new TestApp();
        var s = await IncidentSite.CreateAsync(app);
        var complaint = await s.RaiseAsync();
        var repair = await s.ForwardAsync(await s.RaiseAsync(s.Complaint() with { Kind = IncidentKind.Repair }), s.Engineering);
        var help = await s.RaiseAsync(new RaiseIncident(IncidentKind.Help, null, "Where are parcels kept?"));
        help = await s.MoveAsync(s.Desk, help, "resolve", new ResolveIncident(null, help.Version));

        async Task<List<Guid>> IdsAsync(string query) => (await (await s.GetAsync(s.Desk, query)).ReadAsync<List<IncidentDto>>()).Select(i => i.Id).ToList();

        Assert.Equal([help.Id, repair.Id, complaint.Id], await IdsAsync(""));
        Assert.Equal([repair.Id], await IdsAsync("?state=forwarded"));
        Assert.Equal([repair.Id], await IdsAsync("?kind=Repair"));
        Assert.Equal([repair.Id, complaint.Id], await IdsAsync("?openOnly=true"));
        Assert.Equal([complaint.Id], await IdsAsync("?openOnly=true&kind=complaint"));
        Assert.Empty(await IdsAsync("?state=closed"));
    }

    [Fact]
    public async Task List_Search_FindsTheUnitWithOrWithoutItsSpace_AndTheText()
    {
        using var app = new TestApp();
        var s = await IncidentSite.CreateAsync(app);
        var atUnit = await s.RaiseAsync();
        var parcels = await s.RaiseAsync(new RaiseIncident(IncidentKind.Help, null, "Where are parcels kept?"));

        async Task<List<Guid>> FoundAsync(string search) =>
            (await (await s.GetAsync(s.Desk, $"?search={Uri.EscapeDataString(search)}")).ReadAsync<List<IncidentDto>>()).Select(i => i.Id).ToList();

        Assert.Equal([atUnit.Id], await FoundAsync("3 1201"));
        Assert.Equal([atUnit.Id], await FoundAsync("31201"));
        Assert.Equal([atUnit.Id], await FoundAsync("1201"));
        Assert.Equal([parcels.Id], await FoundAsync("parcels"));
        Assert.Equal([atUnit.Id], await FoundAsync("积水"));
        Assert.Empty(await FoundAsync("2202"));
    }

    [Fact]
    public async Task List_FromAndTo_AreDaysInTheSitesTimeZone()
    {
        // Half an hour before a midnight in Shanghai; cookies read the same clock, so it starts ahead of real time.
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var localNow = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, zone);
        var beforeMidnight = TimeZoneInfo.ConvertTimeToUtc(localNow.Date.AddDays(1).AddMinutes(-30), zone);
        var clock = new FakeTimeProvider(new DateTimeOffset(beforeMidnight, TimeSpan.Zero));
        using var app = new TestApp(clock: clock);
        var s = await IncidentSite.CreateAsync(app);
        var late = await s.RaiseAsync();
        clock.Advance(TimeSpan.FromHours(1));
        var early = await s.RaiseAsync();
        var day = DateOnly.FromDateTime(localNow);
        string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        async Task<List<Guid>> IdsAsync(string query) => (await (await s.GetAsync(s.Desk, query)).ReadAsync<List<IncidentDto>>()).Select(i => i.Id).ToList();

        Assert.Equal([late.Id], await IdsAsync($"?from={Day(day)}&to={Day(day)}"));
        Assert.Equal([early.Id], await IdsAsync($"?from={Day(day.AddDays(1))}"));
        Assert.Equal([late.Id], await IdsAsync($"?to={Day(day)}"));
        Assert.Equal([early.Id, late.Id], await IdsAsync($"?from={Day(day)}&to={Day(day.AddDays(1))}"));
    }

    [Fact]
    public async Task List_Overdue_KeepsTheOpenOnesPastTheSitesTimeToForwardOrToResolve()
    {
        // Cookies read the same clock, so it starts at real time.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var app = new TestApp(clock: clock);
        var s = await IncidentSite.CreateAsync(app);
        // Normal complaint: forwarded within 15 minutes (the default). Normal help request: resolved within 2 hours.
        var complaint = await s.RaiseAsync();
        var help = await s.ForwardAsync(await s.RaiseAsync(new RaiseIncident(IncidentKind.Help, null, "Where are parcels kept?")), s.Cleaning);
        var solved = await s.RaiseAsync();
        await s.MoveAsync(s.Desk, solved, "resolve", new ResolveIncident(null, solved.Version));

        async Task<List<Guid>> IdsAsync(string query) => (await (await s.GetAsync(s.Desk, query)).ReadAsync<List<IncidentDto>>()).Select(i => i.Id).ToList();

        Assert.Empty(await IdsAsync("?overdue=true"));

        // The complaint's time to forward has run out; the help request was forwarded in time, the solved one stopped its clocks.
        clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal([complaint.Id], await IdsAsync("?overdue=true"));

        // The help request's time to resolve has run out too; the resolved complaint never runs out.
        clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal([help.Id, complaint.Id], await IdsAsync("?overdue=true"));
        Assert.Equal([help.Id], await IdsAsync("?overdue=True&kind=help"));
        Assert.Equal([solved.Id, help.Id, complaint.Id], await IdsAsync("?overdue=false"));
    }

    [Fact]
    public async Task List_Overdue_FollowsTheSitesOwnLimits()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var app = new TestApp(clock: clock);
        var s = await IncidentSite.CreateAsync(app);
        var complaint = await s.RaiseAsync();
        clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Empty((await (await s.GetAsync(s.Desk, "?overdue=true")).ReadAsync<List<IncidentDto>>()));

        // The site wants complaints forwarded within 5 minutes: 6 minutes old, this one is past it.
        using var admin = app.Http();
        (await admin.SendJsonAsync(HttpMethod.Put, s.Url("/limits"),
            new SetIncidentTimeLimits([new IncidentTimeLimitDto(IncidentKind.Complaint, IncidentPriority.Normal, 5, 60)]))).EnsureSuccessStatusCode();

        Assert.Equal([complaint.Id], (await (await s.GetAsync(s.Desk, "?overdue=true")).ReadAsync<List<IncidentDto>>()).Select(i => i.Id));
    }

    [Theory]
    [InlineData("?overdue=maybe", "overdue")]
    [InlineData("?overdue=1", "overdue")]
    [InlineData("?state=lost", "state")]
    [InlineData("?state=3", "state")]
    [InlineData("?kind=fire", "kind")]
    [InlineData("?from=2026-11-27&to=2026-11-26", "to")]
    public async Task List_UnknownStateOrKind_OrLastDayBeforeFirst_Returns422NamingTheField(string query, string field)
    {
        using var app = new TestApp();
        var s = await IncidentSite.CreateAsync(app);

        var problem = await (await s.GetAsync(s.Desk, query)).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }
}
