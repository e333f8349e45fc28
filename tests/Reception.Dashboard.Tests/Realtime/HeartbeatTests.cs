using System.Net.Http.Json;
using Microsoft.Extensions.Time.Testing;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Tests.Realtime;

public sealed class HeartbeatTests
{
    [Fact]
    public async Task Heartbeat_EachInterval_CarriesLastPublishedSequenceAndEpoch()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var app = new TestApp(clock: clock);
        var site = await app.CreateSiteAsync();
        await using var listener = await BoardListener.JoinAsync(app, site.Id);
        using var http = app.Http();
        (await http.PostAsJsonAsync($"/api/sites/{site.Id}/departments", new CreateDepartment("Security"))).EnsureSuccessStatusCode();
        await listener.NextEventsAsync(1);

        clock.Advance(TimeSpan.FromSeconds(1)); // the test app's heartbeat interval
        var heartbeat = await listener.NextHeartbeatAsync(h => h.SiteId == site.Id);

        Assert.Equal(2, heartbeat.LastSeq);
        Assert.Equal(listener.Joined!.Epoch, heartbeat.Epoch);
        Assert.Equal(clock.GetUtcNow().UtcDateTime, heartbeat.At);
    }
}
