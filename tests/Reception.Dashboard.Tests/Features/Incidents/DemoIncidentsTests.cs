using Microsoft.EntityFrameworkCore;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Data;
using Reception.Dashboard.Features.Incidents;
using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Tests.Features.Incidents;

/// <summary>
/// The demo's incidents: one at each stage, raised and moved by the system, as old at every start as the demo says;
/// the demo's engineering account is an engineer, so the repair is in its queue with its person (desk §2.8); the lobby
/// situation waits escalated to the supervisor on duty (desk §2.9); the complaint is minutes from its time to forward.
/// </summary>
public sealed class DemoIncidentsTests
{
    [Fact]
    public async Task DemoStart_HasAnIncidentAtEachStage_RaisedByTheSystem_AndEngineeringSeesItsRepair()
    {
        var started = DateTime.UtcNow;
        using var app = new TestApp(seedDemoData: true);
        var siteId = await app.DemoSiteIdAsync();
        using var desk = (await app.SignInAsync("desk", DemoData.DemoPassword)).Http();
        using var engineering = (await app.SignInAsync("engineering", DemoData.DemoPassword)).Http();

        var incidents = await (await desk.GetAsync($"/api/sites/{siteId}/incidents")).ReadAsync<List<IncidentDto>>();
        var queue = await (await engineering.GetAsync($"/api/sites/{siteId}/incidents")).ReadAsync<List<IncidentDto>>();

        // Newest first: the lobby situation (10 min), the complaint (12), the repair (50), the help request.
        Assert.Equal(
            [(IncidentKind.LobbySituation, IncidentState.Forwarded), (IncidentKind.Complaint, IncidentState.Open),
             (IncidentKind.Repair, IncidentState.Taken), (IncidentKind.Help, IncidentState.Closed)],
            incidents.Select(i => (i.Kind, i.State)));
        Assert.All(incidents, i => Assert.InRange(i.RaisedAt, started - DemoIncidents.Ages[i.Kind], DateTime.UtcNow - DemoIncidents.Ages[i.Kind]));
        var repair = Assert.Single(queue);
        Assert.Equal((IncidentKind.Repair, DemoData.EngineeringDepartment), (repair.Kind, repair.DepartmentName));
        Assert.NotNull(repair.PersonName);
        var actors = await app.QueryDbAsync(db => db.Events.Where(e => e.Type.StartsWith("incident.")).Select(e => e.ActorKind).Distinct().ToListAsync());
        Assert.Equal("system", Assert.Single(actors));
        // desk §4.3: the complaint carries a promise to call back, due within the hour.
        var due = Assert.Single(await (await desk.GetAsync($"/api/sites/{siteId}/incidents/promises/due?withinMinutes=60")).ReadAsync<List<IncidentPromiseDto>>());
        Assert.Equal((incidents.Single(i => i.Kind == IncidentKind.Complaint).Id, PromiseState.Pending), (due.IncidentId, due.State));
        var ahead = DemoIncidents.PromiseAhead - DemoIncidents.Ages[IncidentKind.Complaint];
        Assert.InRange(due.DueAt, started + ahead, DateTime.UtcNow + ahead);
    }

    [Fact]
    public async Task DemoRestart_UntouchedIncidentsKeepTheirAges_OneAPersonMovedStaysTheirs_AndNoneIsAdded()
    {
        var folder = Path.Combine(Path.GetTempPath(), "reception-tests", Guid.NewGuid().ToString("N"));
        List<Guid> before;
        Guid touched;
        using (var first = new TestApp(seedDemoData: true, folder: folder) { KeepFolder = true })
        {
            before = await first.QueryDbAsync(db => db.Incidents.OrderBy(i => i.Id).Select(i => i.Id).ToListAsync());
            var siteId = await first.DemoSiteIdAsync();
            using (var desk = (await first.SignInAsync("desk", DemoData.DemoPassword)).Http())
            {
                var complaint = Assert.Single(await (await desk.GetAsync($"/api/sites/{siteId}/incidents?kind=complaint")).ReadAsync<List<IncidentDto>>());
                (await desk.SendJsonAsync(HttpMethod.Post, $"/api/sites/{siteId}/incidents/{complaint.Id}/resolve", new ResolveIncident("Spoke to the neighbour", complaint.Version)))
                    .EnsureSuccessStatusCode();
                touched = complaint.Id;
            }

            // Back-date them all, as if the demo had last started a day ago: the restart must bring the untouched back to their ages.
            await first.QueryDbAsync(async db =>
            {
                foreach (var incident in await db.Incidents.ToListAsync())
                {
                    incident.MoveInTime(TimeSpan.FromDays(-1));
                }

                foreach (var escalation in await db.IncidentEscalations.ToListAsync())
                {
                    escalation.MoveInTime(TimeSpan.FromDays(-1));
                }

                return await db.SaveChangesAsync();
            });
        }

        var restarted = DateTime.UtcNow;
        using var second = new TestApp(seedDemoData: true, folder: folder);
        var after = await second.QueryDbAsync(db => db.Incidents.AsNoTracking().OrderBy(i => i.Id).ToListAsync());

        Assert.Equal(before, after.Select(i => i.Id));
        Assert.All(after.Where(i => i.Id != touched),
            i => Assert.InRange(i.RaisedAt, restarted - DemoIncidents.Ages[i.Kind], DateTime.UtcNow - DemoIncidents.Ages[i.Kind]));
        Assert.True(after.Single(i => i.Id == touched).RaisedAt < restarted - TimeSpan.FromHours(23), "the desk resolved it: it is theirs now");
    }

    [Fact]
    public async Task DemoStart_TheLobbySituationWaitsEscalatedToTheSupervisor_TheComplaintIsMinutesFromItsTimeToForward() // desk §2.9
    {
        var started = DateTime.UtcNow;
        using var app = new TestApp(seedDemoData: true);
        var siteId = await app.DemoSiteIdAsync();
        using var supervisor = (await app.SignInAsync("supervisor", DemoData.DemoPassword)).Http();

        var inbox = await (await supervisor.GetAsync($"/api/sites/{siteId}/incidents/escalations")).ReadAsync<List<EscalationInboxItemDto>>();
        var figures = await (await supervisor.GetAsync($"/api/sites/{siteId}/incidents/figures")).ReadAsync<FrontDeskFiguresDto>();
        var complaint = await app.QueryDbAsync(db => db.Incidents.SingleAsync(i => i.Kind == IncidentKind.Complaint));
        var forwardBy = await app.QueryDbAsync(db => db.DueJobs.Where(j => j.Kind == IncidentClockArming.ForwardKind && j.TargetId == complaint.Id).Select(j => j.DueAt).SingleAsync());

        var waiting = Assert.Single(inbox);
        Assert.Equal((IncidentKind.LobbySituation, EscalationReason.Supervisor, "supervisor"), (waiting.Incident.Kind, waiting.Escalation.Reason, waiting.Escalation.Duty));
        Assert.Equal(["客服主管 Supervisor"], waiting.Escalation.Addressees);
        Assert.Null(waiting.Escalation.AcknowledgedAt);
        Assert.Equal((3, 1), (figures.Open, figures.Escalated));
        Assert.InRange(forwardBy, started + TimeSpan.FromMinutes(3), DateTime.UtcNow + TimeSpan.FromMinutes(3));
    }
}
