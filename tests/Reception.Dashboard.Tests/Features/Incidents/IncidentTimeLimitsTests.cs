using System.Net;
using Microsoft.EntityFrameworkCore;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Tests.Features.Incidents;

/// <summary>
/// A site's time limits per kind and priority: the product's defaults until its managers set their own, each kind and
/// priority at most once, 1 to 1440 minutes, resolving no sooner than forwarding; a bad one is a 422 naming its field.
/// </summary>
public sealed class IncidentTimeLimitsTests
{
    [Fact]
    public async Task Get_WithNoneSet_AnswersTheDefaultsForEveryKindAndPriority()
    {
        using var app = new TestApp();
        var s = await IncidentSite.CreateAsync(app);

        var limits = await (await s.GetAsync(s.Desk, "/limits")).ReadAsync<List<IncidentTimeLimitDto>>();

        Assert.Equal(Enum.GetValues<IncidentKind>().Length * Enum.GetValues<IncidentPriority>().Length, limits.Count);
        Assert.Contains(new IncidentTimeLimitDto(IncidentKind.Complaint, IncidentPriority.Normal, 15, 1440), limits);
        Assert.Contains(new IncidentTimeLimitDto(IncidentKind.Complaint, IncidentPriority.Urgent, 5, 240), limits);
        Assert.Contains(new IncidentTimeLimitDto(IncidentKind.LobbySituation, IncidentPriority.Normal, 5, 60), limits);
        Assert.Contains(new IncidentTimeLimitDto(IncidentKind.LobbySituation, IncidentPriority.Urgent, 2, 30), limits);
        Assert.All(limits, l => Assert.InRange(l.ForwardWithinMinutes, 1, l.ResolveWithinMinutes));
        Assert.All(limits, l => Assert.InRange(l.ResolveWithinMinutes, 1, 1440));
    }

    [Fact]
    public async Task Set_NamesTheSitesOwn_TheRestKeepTheDefaults_AndAnEmptyListGoesBackToThem()
    {
        using var app = new TestApp();
        var s = await IncidentSite.CreateAsync(app);
        var manager = await app.CreateUserAsync("manager", s.Site.Id, roles: SiteRole.Manager);
        var defaults = await (await s.GetAsync(s.Desk, "/limits")).ReadAsync<List<IncidentTimeLimitDto>>();
        var own = new IncidentTimeLimitDto(IncidentKind.Repair, IncidentPriority.Urgent, 20, 120);
        using var http = manager.Http();

        var set = await (await http.SendJsonAsync(HttpMethod.Put, s.Url("/limits"), new SetIncidentTimeLimits([own]))).ReadAsync<List<IncidentTimeLimitDto>>();
        var read = await (await s.GetAsync(s.Desk, "/limits")).ReadAsync<List<IncidentTimeLimitDto>>();
        var reset = await (await http.SendJsonAsync(HttpMethod.Put, s.Url("/limits"), new SetIncidentTimeLimits([]))).ReadAsync<List<IncidentTimeLimitDto>>();

        Assert.Equal(defaults.Select(d => d.Kind == own.Kind && d.Priority == own.Priority ? own : d), set);
        Assert.Equal(set, read);
        Assert.Equal(defaults, reset);
        Assert.Equal(2, await app.QueryDbAsync(db => db.Events.CountAsync(e => e.Type == EventTypes.IncidentLimitsChanged)));
        // The desk reads them for the time left, and does not set them.
        using var desk = s.Desk.Http();
        await (await desk.SendJsonAsync(HttpMethod.Put, s.Url("/limits"), new SetIncidentTimeLimits([own]))).ReadProblemAsync(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("{}", "limits")]
    [InlineData("""{"limits":[{"kind":"complaint","priority":"normal","forwardWithinMinutes":0,"resolveWithinMinutes":60}]}""", "limits[0].forwardWithinMinutes")]
    [InlineData("""{"limits":[{"kind":"complaint","priority":"normal","forwardWithinMinutes":10,"resolveWithinMinutes":1441}]}""", "limits[0].resolveWithinMinutes")]
    [InlineData("""{"limits":[{"kind":"complaint","priority":"normal","forwardWithinMinutes":30,"resolveWithinMinutes":20}]}""", "limits[0].resolveWithinMinutes")]
    [InlineData("""{"limits":[{"kind":"parcel","priority":"normal","forwardWithinMinutes":10,"resolveWithinMinutes":60}]}""", "limits[0].kind")]
    [InlineData("""{"limits":[{"kind":"help","priority":"soon","forwardWithinMinutes":10,"resolveWithinMinutes":60}]}""", "limits[0].priority")]
    [InlineData("""{"limits":[null]}""", "limits[0]")]
    [InlineData("""{"limits":[{"kind":"help","priority":"urgent","forwardWithinMinutes":3,"resolveWithinMinutes":60},{"kind":"help","priority":"urgent","forwardWithinMinutes":5,"resolveWithinMinutes":60}]}""", "limits[1]")]
    public async Task Set_BadInput_Is422NamingTheField_AndChangesNothing(string body, string field)
    {
        using var app = new TestApp();
        var s = await IncidentSite.CreateAsync(app);
        using var admin = app.Http();

        var problem = await (await admin.SendRawAsync(HttpMethod.Put, s.Url("/limits"), body)).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), problem.ToString());
        Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
        Assert.Equal(0, await app.QueryDbAsync(db => db.IncidentTimeLimits.CountAsync()));
        Assert.Equal(0, await app.QueryDbAsync(db => db.Events.CountAsync(e => e.Type == EventTypes.IncidentLimitsChanged)));
    }
}
