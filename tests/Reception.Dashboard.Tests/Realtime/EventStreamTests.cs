using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Data;
using Reception.Dashboard.Features.Posts;
using Reception.Dashboard.Realtime;
using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Tests.Realtime;

public sealed class EventStreamTests
{
    [Fact]
    public async Task HttpWrites_ReachHubClient_InSequenceOrder()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        await using var listener = await BoardListener.JoinAsync(app, site.Id);
        using var http = app.Http();

        var created = await (await http.PostAsJsonAsync($"/api/sites/{site.Id}/posts", new CreatePost("East gate", PostKind.Gate, null, 1)))
            .ReadAsync<PostDto>(HttpStatusCode.Created);
        await (await http.PutAsJsonAsync($"/api/sites/{site.Id}/posts/{created.Id}", new UpdatePost("East gate 1", PostKind.Gate, "East", 1, created.Version)))
            .ReadAsync<PostDto>();
        await (await http.PostAsync($"/api/sites/{site.Id}/posts/{created.Id}/archive", null)).ReadAsync<PostDto>();

        var events = await listener.NextEventsAsync(3);

        Assert.Equal([2L, 3L, 4L], events.Select(e => e.Seq)); // seq 1 is the site's creation, before joining
        Assert.Equal([EventTypes.PostCreated, EventTypes.PostUpdated, EventTypes.PostArchived], events.Select(e => e.Type));
        Assert.All(events, e => Assert.Equal(listener.Joined!.Epoch, e.Epoch));
        Assert.Equal("East gate 1", events[1].DataAs<PostChanged>().Name);
        Assert.True(events[2].DataAs<PostChanged>().Archived);
    }

    [Fact]
    public async Task ConcurrentWriters_200_GetConsecutiveSequenceNumbers_DeliveredInOrder()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        await using var listener = await BoardListener.JoinAsync(app, site.Id);
        using var http = app.Http();

        var writes = Enumerable.Range(1, 200).Select(i =>
            http.PostAsJsonAsync($"/api/sites/{site.Id}/posts", new CreatePost($"Post {i:D3}", PostKind.Gate, null, i)));
        var responses = await Task.WhenAll(writes);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var events = await listener.NextEventsAsync(200, TimeSpan.FromSeconds(60));
        Assert.Equal(Enumerable.Range(2, 200).Select(i => (long)i), events.Select(e => e.Seq));
        Assert.Equal(200, events.Select(e => e.DataAs<PostChanged>().Name).Distinct().Count());

        var stored = await app.QueryDbAsync(db => db.Events.Where(e => e.SiteId == site.Id).OrderBy(e => e.Seq).Select(e => e.Seq).ToListAsync());
        Assert.Equal(Enumerable.Range(1, 201).Select(i => (long)i), stored);
    }

    [Fact]
    public async Task Client_DisconnectedDuringWrites_CatchesUpExactlyTheMissedEvents()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        using var http = app.Http();
        await using var first = await BoardListener.JoinAsync(app, site.Id);
        (await http.PostAsJsonAsync($"/api/sites/{site.Id}/posts", new CreatePost("Seen before the drop", PostKind.Lobby, null, 1))).EnsureSuccessStatusCode();
        var lastSeen = (await first.NextEventsAsync(1)).Single().Seq;
        await first.Connection.StopAsync();

        for (var i = 1; i <= 5; i++)
        {
            (await http.PostAsJsonAsync($"/api/sites/{site.Id}/posts", new CreatePost($"Missed {i}", PostKind.Gate, null, i))).EnsureSuccessStatusCode();
        }

        // Reconnect in the documented order: join (and buffer), then ask for what was missed.
        await using var second = await BoardListener.JoinAsync(app, site.Id);
        var byApi = await (await http.GetAsync($"/api/sites/{site.Id}/events?after={lastSeen}")).ReadAsync<EventPage>();
        var byHub = await second.Connection.InvokeAsync<EventPage>("GetEventsAfter", site.Id, lastSeen, 100);

        Assert.Equal(Enumerable.Range(3, 5).Select(i => (long)i), byApi.Events.Select(e => e.Seq));
        Assert.Equal(["Missed 1", "Missed 2", "Missed 3", "Missed 4", "Missed 5"], byApi.Events.Select(e => e.DataAs<PostChanged>().Name));
        Assert.Equal(byApi.Events.Select(e => e.Seq), byHub.Events.Select(e => e.Seq));
        Assert.False(byApi.HasMore);
        Assert.Equal(7, byApi.LastSeq);
        Assert.Equal(second.Joined!.Epoch, byApi.Epoch);

        // Pushes already covered by the catch-up are not delivered again; the next one is.
        (await http.PostAsJsonAsync($"/api/sites/{site.Id}/posts", new CreatePost("After the catch-up", PostKind.Gate, null, 9))).EnsureSuccessStatusCode();
        var next = (await second.NextEventsAsync(1)).Single();
        Assert.Equal(8, next.Seq);
        Assert.True(await second.StaysQuietAsync(TimeSpan.FromMilliseconds(500)));
    }

    [Fact]
    public async Task CatchUp_InPages_SaysWhenMoreFollow()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        using var http = app.Http();
        for (var i = 1; i <= 4; i++)
        {
            (await http.PostAsJsonAsync($"/api/sites/{site.Id}/departments", new CreateDepartment($"Department {i}"))).EnsureSuccessStatusCode();
        }

        var page1 = await (await http.GetAsync($"/api/sites/{site.Id}/events?after=0&limit=3")).ReadAsync<EventPage>();
        var page2 = await (await http.GetAsync($"/api/sites/{site.Id}/events?after={page1.Events[^1].Seq}&limit=3")).ReadAsync<EventPage>();

        Assert.Equal([1L, 2L, 3L], page1.Events.Select(e => e.Seq));
        Assert.True(page1.HasMore);
        Assert.Equal([4L, 5L], page2.Events.Select(e => e.Seq));
        Assert.False(page2.HasMore);
    }

    [Theory]
    [InlineData("after=-1", "after")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    public async Task CatchUp_OutOfRangeQuery_Returns422(string query, string field)
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        using var http = app.Http();

        var problem = await (await http.GetAsync($"/api/sites/{site.Id}/events?{query}")).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task RolledBackWrite_PublishesNothing_AndGivesBackItsSequenceNumbers()
    {
        // The database refuses the event rows, so the command fails after its numbers were allocated.
        using var app = new TestApp(services: s => s.ConfigureDbContext<ReceptionDbContext>(o => o.AddInterceptors(new RefuseEventType("test.poison"))));
        var site = await app.CreateSiteAsync();
        await using var listener = await BoardListener.JoinAsync(app, site.Id);
        var writer = app.Services.GetRequiredService<SiteWriter>();

        await Assert.ThrowsAsync<InvalidOperationException>(() => writer.WriteAsync(site.Id, new Command(new Actor("user", app.Root.Id.ToString(), null), "test", null, null), (db, events) =>
        {
            db.Posts.Add(Post.Create(site.Id, "Never saved", PostKind.Gate, null, 1));
            events.Add(EventTypes.PostCreated, new { name = "Never saved" });
            events.Add("test.poison", new { });
            return Task.FromResult(0);
        }, CancellationToken.None));

        Assert.True(await listener.StaysQuietAsync(TimeSpan.FromSeconds(1.5)));
        using var http = app.Http();
        (await http.PostAsJsonAsync($"/api/sites/{site.Id}/posts", new CreatePost("Saved", PostKind.Gate, null, 1))).EnsureSuccessStatusCode();
        var next = (await listener.NextEventsAsync(1)).Single();

        Assert.Equal(2, next.Seq);
        Assert.Equal("Saved", next.DataAs<PostChanged>().Name);
        Assert.False(await app.QueryDbAsync(db => db.Posts.AnyAsync(p => p.Name == "Never saved")));
        Assert.Equal(2, await app.QueryDbAsync(db => db.SiteStreams.Where(s => s.SiteId == site.Id).Select(s => s.LastSeq).SingleAsync()));
    }

    private sealed class RefuseEventType(string type) : SaveChangesInterceptor
    {
        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
            eventData.Context!.ChangeTracker.Entries<StoredEvent>().Any(e => e.State == EntityState.Added && e.Entity.Type == type)
                ? throw new InvalidOperationException("The database refused the write.")
                : ValueTask.FromResult(result);
    }

    [Fact]
    public async Task Snapshot_ReflectsTheSequenceOfItsState()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        using var http = app.Http();
        (await http.PostAsJsonAsync($"/api/sites/{site.Id}/posts", new CreatePost("Lobby", PostKind.Lobby, null, 1))).EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync($"/api/sites/{site.Id}/shifts", new CreateShift(ShiftKind.Night, new TimeOnly(23, 0), new TimeOnly(7, 0)))).EnsureSuccessStatusCode();

        var snapshot = await (await http.GetAsync($"/api/sites/{site.Id}/snapshot")).ReadAsync<BoardSnapshot>();

        Assert.Equal(3, snapshot.Seq);
        Assert.Equal("Lobby", Assert.Single(snapshot.Posts).Name);
        Assert.Equal(ShiftKind.Night, Assert.Single(snapshot.Shifts).Kind);
        Assert.Equal(site.Id, snapshot.Site.Id);
    }

    [Fact]
    public async Task Events_ForStaff_CarryNoNameOrPhone()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        await using var listener = await BoardListener.JoinAsync(app, site.Id);
        using var http = app.Http();

        (await http.PostAsJsonAsync($"/api/sites/{site.Id}/staff", new CreateStaff("王小明", "139 1234 5678", "S900", null, null, null))).EnsureSuccessStatusCode();

        var pushed = (await listener.NextEventsAsync(1)).Single();
        var stored = await (await http.GetAsync($"/api/sites/{site.Id}/events?after=0")).Content.ReadAsStringAsync();
        Assert.Equal(EventTypes.StaffCreated, pushed.Type);
        Assert.DoesNotContain("王小明", pushed.Data.GetRawText());
        Assert.DoesNotContain("5678", pushed.Data.GetRawText());
        Assert.DoesNotContain("王小明", stored);
        Assert.DoesNotContain("5678", stored);
    }

    [Fact]
    public async Task JoinSite_UnknownSite_FailsWithReadableMessage()
    {
        using var app = new TestApp();
        await using var connection = app.HubConnection();
        await connection.StartAsync();
        var unknown = Guid.NewGuid();

        var error = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<StreamPosition>("JoinSite", unknown));

        Assert.Contains($"Site {unknown} was not found", error.Message);
    }
}
