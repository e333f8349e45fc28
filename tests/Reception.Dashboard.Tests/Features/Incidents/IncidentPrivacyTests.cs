using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Tests.Features.Devices;
using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Tests.Features.Incidents;

/// <summary>
/// desk §2.8: an incident's person (name and phone) reaches only the desk, supervisors, managers, admins and the
/// department it is forwarded to; events carry ids, kind, priority and the unit number, never the person, the text,
/// the location or the resolution.
/// </summary>
public sealed class IncidentPrivacyTests
{
    private const string Resolution = "更换了排水阀 Drain valve replaced";

    [Fact]
    public async Task GuardAndWallScreen_AreRefusedTheIncidents()
    {
        using var app = new TestApp();
        var s = await IncidentSite.CreateAsync(app);
        var raised = await s.RaiseAsync();
        var wall = await DeviceSite.PairWallAsync(app, s.Site.Id, app.Root);
        using var screen = app.Client(wall);

        await (await s.GetAsync(s.Guard)).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await s.GetAsync(s.Guard, $"/{raised.Id}")).ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Forbidden, (await screen.GetAsync(s.Url())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await screen.GetAsync(s.Url($"/{raised.Id}"))).StatusCode);
    }

    [Fact]
    public async Task CommandCenter_ReadsIncidentsWithoutThePerson_TheSupervisorWithIt()
    {
        using var app = new TestApp();
        var s = await IncidentSite.CreateAsync(app);
        var raised = await s.RaiseAsync();

        var command = Assert.Single(await (await s.GetAsync(s.Command)).ReadAsync<List<IncidentDto>>());
        var supervisor = await (await s.GetAsync(s.Supervisor, $"/{raised.Id}")).ReadAsync<IncidentDto>();

        Assert.Equal((IncidentSite.Text, IncidentSite.UnitNumber), (command.Text, command.UnitNumber));
        Assert.Null(command.PersonName);
        Assert.Null(command.PersonPhone);
        Assert.Equal((IncidentSite.OwnerName, IncidentSite.OwnerPhone), (supervisor.PersonName, supervisor.PersonPhone));
    }

    [Fact]
    public async Task HubAndEventLog_ForAWholeIncident_CarryNoPersonTextLocationOrResolution()
    {
        using var app = new TestApp();
        var s = await IncidentSite.CreateAsync(app);
        await using var listener = await BoardListener.JoinAsync(app, s.Site.Id);

        var taken = await s.TakenByEngineeringAsync();
        var resolved = await s.MoveAsync(s.Engineer, taken, "resolve", new ResolveIncident(Resolution, taken.Version));
        var closed = await s.MoveAsync(s.Desk, resolved, "close", new CloseIncident(resolved.Version));
        await s.MoveAsync(s.Desk, closed, "reopen", new ReopenIncident("业主说又漏了 Owner says it leaks again", closed.Version));

        var pushed = await listener.NextEventsAsync(6);
        var stored = await app.QueryDbAsync(db => db.Events.Where(e => e.SiteId == s.Site.Id && e.Type.StartsWith("incident.")).Select(e => e.Data).ToListAsync());

        Assert.Equal(
            [EventTypes.IncidentRaised, EventTypes.IncidentForwarded, EventTypes.IncidentTaken, EventTypes.IncidentResolved, EventTypes.IncidentClosed, EventTypes.IncidentReopened],
            pushed.Select(e => e.Type));
        Assert.Equal(6, stored.Count);
        var secrets = new[] { IncidentSite.OwnerName, IncidentSite.OwnerPhone, "电梯里有积水", "Water on the lift floor", "Lift lobby", "排水阀", "Drain valve", "又漏了", "leaks again" };
        foreach (var data in pushed.Select(e => e.Data.GetRawText()).Concat(stored).Select(Decoded))
        {
            Assert.All(secrets, secret => Assert.DoesNotContain(secret, data));
            Assert.Contains(IncidentSite.UnitNumber, data);
        }
    }

    // JSON may escape non-ASCII: compare the decoded text.
    private static string Decoded(string json) =>
        Regex.Replace(json, @"\\u([0-9A-Fa-f]{4})", m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString());
}
