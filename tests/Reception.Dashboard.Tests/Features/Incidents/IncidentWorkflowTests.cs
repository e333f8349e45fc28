using System.Net;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Tests.Features.Incidents;

/// <summary>
/// An incident's moves: forwarded at once to the department that handles it (desk §0.1, §4.5), taken, resolved with
/// what was done, closed by the desk; resolved at the desk when it can; reopened with a reason. Every move is an event
/// with its actor; an illegal move and a stale version answer 409.
/// </summary>
public sealed class IncidentWorkflowTests
{
    [Fact]
    public async Task ForwardTakeResolveClose_EachMoveIsItsEvent_WithItsActor()
    {
        using var app = new TestApp();
        var s = await IncidentSite.CreateAsync(app);
        var raised = await s.RaiseAsync();
        await using var listener = await BoardListener.JoinAsync(app, s.Site.Id);

        var forwarded = await s.ForwardAsync(raised, s.Engineering);
        var taken = await s.MoveAsync(s.Engineer, forwarded, "take", new TakeIncident(forwarded.Version));
        var resolved = await s.MoveAsync(s.Engineer, taken, "resolve", new ResolveIncident("Drain cleared, floor dried", taken.Version));
        var closed = await s.MoveAsync(s.Desk, resolved, "close", new CloseIncident(resolved.Version));

        Assert.Equal((IncidentState.Forwarded, (Guid?)s.Engineering.Id, "Engineering"), (forwarded.State, forwarded.DepartmentId, forwarded.DepartmentName));
        Assert.NotNull(forwarded.ForwardedAt);
        Assert.Equal((IncidentState.Taken, "engineer"), (taken.State, taken.TakenBy));
        Assert.Equal((IncidentState.Resolved, "Drain cleared, floor dried"), (resolved.State, resolved.Resolution));
        Assert.Equal(IncidentState.Closed, closed.State);
        Assert.NotNull(closed.ClosedAt);
        Assert.Equal(new long[] { 1, 2, 3, 4, 5 }, new[] { raised, forwarded, taken, resolved, closed }.Select(i => i.Version));
        Assert.Equal(closed, await s.ReadAsync(raised.Id));

        var events = await listener.NextEventsAsync(4);
        Assert.Equal(
            [EventTypes.IncidentForwarded, EventTypes.IncidentTaken, EventTypes.IncidentResolved, EventTypes.IncidentClosed],
            events.Select(e => e.Type));
        Assert.Equal(
            [s.Desk.Id, s.Engineer.Id, s.Engineer.Id, s.Desk.Id],
            events.Select(e => Guid.Parse(e.Actor!.Id)));
        Assert.Equal(
            [IncidentState.Forwarded, IncidentState.Taken, IncidentState.Resolved, IncidentState.Closed],
            events.Select(e => e.DataAs<IncidentChanged>().State));
        Assert.All(events, e => Assert.Equal(s.Engineering.Id, e.DataAs<IncidentChanged>().DepartmentId));
    }

    [Fact]
    public async Task Resolve_OpenIncidentAtTheDesk_NeedsNoNote()
    {
        using var app = new TestApp();
        var s = await IncidentSite.CreateAsync(app);
        var raised = await s.RaiseAsync(new RaiseIncident(IncidentKind.Help, null, "Where are parcels kept?"));
        await using var listener = await BoardListener.JoinAsync(app, s.Site.Id);

        var resolved = await s.MoveAsync(s.Desk, raised, "resolve", new ResolveIncident(null, raised.Version));

        Assert.Equal(IncidentState.Resolved, resolved.State);
        Assert.Null(resolved.Resolution);
        Assert.Null(resolved.DepartmentId);
        Assert.Equal(EventTypes.IncidentResolved, Assert.Single(await listener.NextEventsAsync(1)).Type);
    }

    [Fact]
    public async Task Reopen_ClosedIncident_IsOpenWithItsReason_AndKeepsItsDepartmentToForwardAgain()
    {
        using var app = new TestApp();
        var s = await IncidentSite.CreateAsync(app);
        var taken = await s.TakenByEngineeringAsync();
        var resolved = await s.MoveAsync(s.Engineer, taken, "resolve", new ResolveIncident("Drain cleared", taken.Version));
        var closed = await s.MoveAsync(s.Desk, resolved, "close", new CloseIncident(resolved.Version));
        await using var listener = await BoardListener.JoinAsync(app, s.Site.Id);

        var reopened = await s.MoveAsync(s.Desk, closed, "reopen", new ReopenIncident("Water again this morning", closed.Version));
        var again = await s.ForwardAsync(reopened, s.Engineering);

        Assert.Equal((IncidentState.Open, "Water again this morning", (Guid?)s.Engineering.Id), (reopened.State, reopened.ReopenReason, reopened.DepartmentId));
        Assert.NotNull(reopened.ReopenedAt);
        Assert.Null(reopened.ForwardedAt);
        Assert.Null(reopened.TakenAt);
        Assert.Null(reopened.TakenBy);
        Assert.Null(reopened.ResolvedAt);
        Assert.Null(reopened.ClosedAt);
        Assert.Equal("Drain cleared", reopened.Resolution); // the last time's, until it is resolved again
        Assert.Equal((IncidentState.Forwarded, (Guid?)s.Engineering.Id), (again.State, again.DepartmentId));
        Assert.Equal([EventTypes.IncidentReopened, EventTypes.IncidentForwarded], (await listener.NextEventsAsync(2)).Select(e => e.Type));
    }

    [Fact]
    public async Task Forward_WhileForwardedAndNotTaken_SendsItOnToAnotherDepartment()
    {
        using var app = new TestApp();
        var s = await IncidentSite.CreateAsync(app);
        var forwarded = await s.ForwardAsync(await s.RaiseAsync(), s.Engineering);

        var onward = await s.MoveAsync(s.Desk, forwarded, "forward", new ForwardIncident(s.Cleaning.Id, forwarded.Version));

        Assert.Equal((IncidentState.Forwarded, (Guid?)s.Cleaning.Id, "Cleaning"), (onward.State, onward.DepartmentId, onward.DepartmentName));
        await (await s.GetAsync(s.Engineer, $"/{onward.Id}")).ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(onward.Id, Assert.Single(await (await s.GetAsync(s.Cleaner)).ReadAsync<List<IncidentDto>>()).Id);
    }

    [Theory]
    [InlineData("take an open one")]
    [InlineData("close an open one")]
    [InlineData("reopen an open one")]
    [InlineData("resolve a forwarded one")]
    [InlineData("forward again to the same department")]
    [InlineData("forward a taken one")]
    [InlineData("take a taken one")]
    [InlineData("close a taken one")]
    [InlineData("resolve a resolved one")]
    [InlineData("forward a resolved one")]
    [InlineData("resolve a closed one")]
    [InlineData("close a closed one")]
    public async Task IllegalMove_Returns409SayingWhy_AndChangesNothing(string what)
    {
        using var app = new TestApp();
        var s = await IncidentSite.CreateAsync(app);
        var open = await s.RaiseAsync();
        async Task<IncidentDto> Forwarded() => await s.ForwardAsync(open, s.Engineering);
        async Task<IncidentDto> Resolved() => await s.MoveAsync(s.Desk, open, "resolve", new ResolveIncident(null, open.Version));
        async Task<IncidentDto> Closed()
        {
            var resolved = await Resolved();
            return await s.MoveAsync(s.Desk, resolved, "close", new CloseIncident(resolved.Version));
        }

        Attempt Forward(IncidentDto i, DepartmentDto to) => new(i, s.Desk, "forward", new ForwardIncident(to.Id, i.Version));
        Attempt Take(IncidentDto i, TestUser by) => new(i, by, "take", new TakeIncident(i.Version));
        Attempt Resolve(IncidentDto i, TestUser by) => new(i, by, "resolve", new ResolveIncident("Done", i.Version));
        Attempt Close(IncidentDto i) => new(i, s.Desk, "close", new CloseIncident(i.Version));
        var attempt = what switch
        {
            "take an open one" => Take(open, s.Supervisor), // a department never sees one not forwarded to it
            "close an open one" => Close(open),
            "reopen an open one" => new Attempt(open, s.Desk, "reopen", new ReopenIncident("Not solved", open.Version)),
            "resolve a forwarded one" => Resolve(await Forwarded(), s.Engineer),
            "forward again to the same department" => Forward(await Forwarded(), s.Engineering),
            "forward a taken one" => Forward(await s.TakenByEngineeringAsync(), s.Cleaning),
            "take a taken one" => Take(await s.TakenByEngineeringAsync(), s.Engineer),
            "close a taken one" => Close(await s.TakenByEngineeringAsync()),
            "resolve a resolved one" => Resolve(await Resolved(), s.Desk),
            "forward a resolved one" => Forward(await Resolved(), s.Engineering),
            "resolve a closed one" => Resolve(await Closed(), s.Desk),
            "close a closed one" => Close(await Closed()),
            _ => throw new ArgumentOutOfRangeException(nameof(what)),
        };
        var events = await s.IncidentEventCountAsync();

        var problem = await (await s.SendAsync(attempt.User, $"/{attempt.Incident.Id}/{attempt.Move}", attempt.Body)).ReadProblemAsync(HttpStatusCode.Conflict);

        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.False(problem.TryGetProperty("currentVersion", out _), "an illegal move is no stale version");
        Assert.Equal(attempt.Incident, await s.ReadAsync(attempt.Incident.Id));
        Assert.Equal(events, await s.IncidentEventCountAsync());
    }

    private sealed record Attempt(IncidentDto Incident, TestUser User, string Move, object Body);

    [Fact]
    public async Task IllegalMove_InChinese_SaysWhereTheIncidentStands()
    {
        using var app = new TestApp();
        var s = await IncidentSite.CreateAsync(app);
        var open = await s.RaiseAsync();
        using var chinese = app.Client(s.Desk.Cookies, language: "zh-Hans");

        var problem = await (await chinese.SendJsonAsync(HttpMethod.Post, s.Url($"/{open.Id}/close"), new CloseIncident(open.Version)))
            .ReadProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal("只有已解决的事项才能结案。此事项当前为“待处理”。", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task StaleVersion_Returns409WithTheCurrentVersionAndIncident_AndChangesNothing()
    {
        using var app = new TestApp();
        var s = await IncidentSite.CreateAsync(app);
        var raised = await s.RaiseAsync();
        var forwarded = await s.ForwardAsync(raised, s.Engineering);

        // The desk still shows the version it raised; meanwhile it was forwarded.
        var problem = await (await s.SendAsync(s.Desk, $"/{raised.Id}/resolve", new ResolveIncident(null, raised.Version)))
            .ReadProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal(forwarded.Version, problem.GetProperty("currentVersion").GetInt64());
        var current = problem.GetProperty("current");
        Assert.Equal("forwarded", current.GetProperty("state").GetString());
        Assert.Equal(IncidentSite.OwnerName, current.GetProperty("personName").GetString());
        Assert.Equal(forwarded, await s.ReadAsync(raised.Id));
    }

    [Fact]
    public async Task StaleVersion_ToTheCommandCenter_CarriesNoPerson()
    {
        using var app = new TestApp();
        var s = await IncidentSite.CreateAsync(app);
        var raised = await s.RaiseAsync();
        await s.ForwardAsync(raised, s.Engineering);

        var problem = await (await s.SendAsync(s.Command, $"/{raised.Id}/close", new CloseIncident(raised.Version)))
            .ReadProblemAsync(HttpStatusCode.Conflict);

        // desk §2.8: the current incident in a refusal is read as its caller may read it.
        var current = problem.GetProperty("current");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, current.GetProperty("personName").ValueKind);
        Assert.DoesNotContain(IncidentSite.OwnerPhone, problem.ToString());
    }

    [Fact]
    public async Task Forward_WithoutOrToAnUnknownDepartment_Returns422NamingDepartmentId_AndChangesNothing()
    {
        using var app = new TestApp();
        var s = await IncidentSite.CreateAsync(app);
        var raised = await s.RaiseAsync();
        var other = await app.CreateSiteAsync("Other Plaza");
        DepartmentDto elsewhere;
        using (var admin = app.Http())
        {
            elsewhere = await (await admin.SendJsonAsync(HttpMethod.Post, $"/api/sites/{other.Id}/departments", new CreateDepartment("Engineering")))
                .ReadAsync<DepartmentDto>(HttpStatusCode.Created);
        }

        foreach (var departmentId in new Guid?[] { null, Guid.NewGuid(), elsewhere.Id })
        {
            var problem = await (await s.SendAsync(s.Desk, $"/{raised.Id}/forward", new ForwardIncident(departmentId, raised.Version)))
                .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
            Assert.True(problem.GetProperty("errors").TryGetProperty("departmentId", out _));
        }

        Assert.Equal(raised, await s.ReadAsync(raised.Id));
        Assert.Equal(1, await s.IncidentEventCountAsync());
    }

    [Fact]
    public async Task Resolve_TakenIncidentWithoutWhatWasDone_Returns422NamingResolution()
    {
        using var app = new TestApp();
        var s = await IncidentSite.CreateAsync(app);
        var taken = await s.TakenByEngineeringAsync();

        var problem = await (await s.SendAsync(s.Engineer, $"/{taken.Id}/resolve", new ResolveIncident("   ", taken.Version)))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.True(problem.GetProperty("errors").TryGetProperty("resolution", out _));
        Assert.Equal(taken, await s.ReadAsync(taken.Id));
    }

    [Fact]
    public async Task Reopen_WithoutReason_Returns422NamingReason()
    {
        using var app = new TestApp();
        var s = await IncidentSite.CreateAsync(app);
        var raised = await s.RaiseAsync();
        var resolved = await s.MoveAsync(s.Desk, raised, "resolve", new ResolveIncident(null, raised.Version));

        var problem = await (await s.SendAsync(s.Desk, $"/{raised.Id}/reopen", new ReopenIncident(" ", resolved.Version)))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.True(problem.GetProperty("errors").TryGetProperty("reason", out _));
        Assert.Equal(resolved, await s.ReadAsync(raised.Id));
    }

    [Fact]
    public async Task UnknownIncident_Returns404()
    {
        using var app = new TestApp();
        var s = await IncidentSite.CreateAsync(app);

        await (await s.GetAsync(s.Desk, $"/{Guid.NewGuid()}")).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await s.SendAsync(s.Desk, $"/{Guid.NewGuid()}/close", new CloseIncident(1))).ReadProblemAsync(HttpStatusCode.NotFound);
    }
}
