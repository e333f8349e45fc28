using System.Net;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Tests.Features.Incidents;

/// <summary>
/// A Department sees, takes and resolves only the incidents forwarded to the department of its own staff record
/// (desk §0.1, §4.5), and reads their person (desk §2.8); the desk resolves what it was not given away.
/// </summary>
public sealed class IncidentDepartmentTests
{
    [Fact]
    public async Task Department_SeesOnlyIncidentsForwardedToItsDepartment_WithTheirPerson()
    {
        using var app = new TestApp();
        var s = await IncidentSite.CreateAsync(app);
        var toEngineering = await s.ForwardAsync(await s.RaiseAsync(), s.Engineering);
        var toCleaning = await s.ForwardAsync(await s.RaiseAsync(s.Complaint() with { Kind = IncidentKind.Repair }), s.Cleaning);
        await s.RaiseAsync(s.Complaint() with { Text = "Still at the desk" });

        var engineering = await (await s.GetAsync(s.Engineer)).ReadAsync<List<IncidentDto>>();
        var one = await (await s.GetAsync(s.Engineer, $"/{toEngineering.Id}")).ReadAsync<IncidentDto>();
        var desk = await (await s.GetAsync(s.Desk)).ReadAsync<List<IncidentDto>>();

        Assert.Equal([toEngineering.Id], engineering.Select(i => i.Id));
        Assert.Equal((IncidentSite.OwnerName, IncidentSite.OwnerPhone), (one.PersonName, one.PersonPhone));
        Assert.Equal(toEngineering, one);
        Assert.Equal(3, desk.Count);
        Assert.Equal(toCleaning.Id, Assert.Single(await (await s.GetAsync(s.Cleaner)).ReadAsync<List<IncidentDto>>()).Id);
    }

    [Fact]
    public async Task Department_IncidentOfAnotherDepartment_Returns403OnGetTakeAndResolve_AndChangesNothing()
    {
        using var app = new TestApp();
        var s = await IncidentSite.CreateAsync(app);
        var forwarded = await s.ForwardAsync(await s.RaiseAsync(), s.Engineering);
        var taken = await s.TakenByEngineeringAsync();

        var get = await (await s.GetAsync(s.Cleaner, $"/{forwarded.Id}")).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await s.SendAsync(s.Cleaner, $"/{forwarded.Id}/take", new TakeIncident(forwarded.Version))).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await s.SendAsync(s.Cleaner, $"/{taken.Id}/resolve", new ResolveIncident("Done", taken.Version))).ReadProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal("This incident was not forwarded to your department.", get.GetProperty("detail").GetString());
        Assert.Equal(forwarded, await s.ReadAsync(forwarded.Id));
        Assert.Equal(taken, await s.ReadAsync(taken.Id));
    }

    [Fact]
    public async Task DepartmentWithoutStaffRecord_SeesNoIncident_AndIsRefusedEachOne()
    {
        using var app = new TestApp();
        var s = await IncidentSite.CreateAsync(app);
        var forwarded = await s.ForwardAsync(await s.RaiseAsync(), s.Engineering);

        var list = await (await s.GetAsync(s.Unlinked)).ReadAsync<List<IncidentDto>>();
        var get = await (await s.GetAsync(s.Unlinked, $"/{forwarded.Id}")).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await s.SendAsync(s.Unlinked, $"/{forwarded.Id}/take", new TakeIncident(forwarded.Version))).ReadProblemAsync(HttpStatusCode.Forbidden);

        Assert.Empty(list);
        Assert.Contains("staff record", get.GetProperty("detail").GetString());
        Assert.Equal(forwarded, await s.ReadAsync(forwarded.Id));
    }

    [Fact]
    public async Task Department_MovesOnlyWhatIsItsToMove()
    {
        using var app = new TestApp();
        var s = await IncidentSite.CreateAsync(app);
        var forwarded = await s.ForwardAsync(await s.RaiseAsync(), s.Engineering);
        var taken = await s.MoveAsync(s.Engineer, forwarded, "take", new TakeIncident(forwarded.Version));
        var resolved = await s.MoveAsync(s.Engineer, taken, "resolve", new ResolveIncident("Drain cleared", taken.Version));

        // Closing and reopening are the desk's: it tells the person (403 by the endpoint's policy).
        await (await s.SendAsync(s.Engineer, $"/{resolved.Id}/close", new CloseIncident(resolved.Version))).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await s.SendAsync(s.Engineer, $"/{resolved.Id}/reopen", new ReopenIncident("Not dry", resolved.Version))).ReadProblemAsync(HttpStatusCode.Forbidden);
        var reopened = await s.MoveAsync(s.Desk, resolved, "reopen", new ReopenIncident("Not dry", resolved.Version));
        // Reopened, it is the desk's again until forwarded anew: the department no longer sees it, nor its person.
        var problem = await (await s.SendAsync(s.Engineer, $"/{reopened.Id}/resolve", new ResolveIncident("Dry now", reopened.Version)))
            .ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await s.Engineer.Http().GetAsync(s.Url($"/{reopened.Id}"))).ReadProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal((IncidentState.Resolved, "Drain cleared"), (resolved.State, resolved.Resolution));
        Assert.Equal("This incident was not forwarded to your department.", problem.GetProperty("detail").GetString());
        Assert.Equal(reopened, await s.ReadAsync(reopened.Id));
    }

    [Fact]
    public async Task Desk_TakenIncident_IsResolvedByTheDepartmentNotTheDesk()
    {
        using var app = new TestApp();
        var s = await IncidentSite.CreateAsync(app);
        var taken = await s.TakenByEngineeringAsync();

        var problem = await (await s.SendAsync(s.Desk, $"/{taken.Id}/resolve", new ResolveIncident("Done", taken.Version)))
            .ReadProblemAsync(HttpStatusCode.Forbidden);
        var bySupervisor = await s.MoveAsync(s.Supervisor, taken, "resolve", new ResolveIncident("Plumber came", taken.Version));

        Assert.Equal("The department that took this incident resolves it.", problem.GetProperty("detail").GetString());
        Assert.Equal(IncidentState.Resolved, bySupervisor.State);
    }
}
