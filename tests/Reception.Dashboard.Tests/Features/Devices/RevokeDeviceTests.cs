using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Tests.Features.Devices;

public sealed class RevokeDeviceTests
{
    [Fact]
    public async Task Revoke_AWallScreen_ReachesASubscribedHubClient_AsDeviceRevoked()
    {
        using var app = new TestApp();
        var setup = await DeviceSite.CreateAsync(app);
        await setup.PairWallAsync(WallView.FiguresOnly);
        using var manager = setup.Manager.Http();
        var screen = Assert.Single(await (await manager.GetAsync($"/api/sites/{setup.Site.Id}/devices")).ReadAsync<List<DeviceDto>>());
        await using var listener = await BoardListener.JoinAsync(app, setup.Site.Id);

        (await manager.PostAsync($"/api/sites/{setup.Site.Id}/devices/{screen.Id}/revoke", null)).EnsureSuccessStatusCode();

        var revoked = Assert.Single(await listener.NextEventsAsync(1));
        Assert.Equal(EventTypes.DeviceRevoked, revoked.Type);
        Assert.Equal(new DeviceChanged(screen.Id, DeviceKind.WallScreen, null, WallView.FiguresOnly), revoked.DataAs<DeviceChanged>());
        Assert.DoesNotContain(screen.Name, revoked.Data.GetRawText());
        // Revoking it again changes nothing and says nothing.
        (await manager.PostAsync($"/api/sites/{setup.Site.Id}/devices/{screen.Id}/revoke", null)).EnsureSuccessStatusCode();
        Assert.True(await listener.StaysQuietAsync(TimeSpan.FromSeconds(1)));
    }
}
