using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Tests.Features.Devices;

public sealed class WallScreenTests
{
    [Fact]
    public async Task UnpairedScreen_ShowsTheSameCode_UntilAManagerApproves_ThenItsWall()
    {
        using var app = new TestApp();
        var setup = await DeviceSite.CreateAsync(app);
        var (screen, code) = await setup.OpenWallAsync();
        using var http = app.Client(screen);
        Assert.Equal(code, await DeviceSite.PairingCodeAsync(http)); // a refresh keeps the code

        using var manager = setup.Manager.Http();
        var paired = await (await manager.PostAsJsonAsync($"/api/sites/{setup.Site.Id}/devices/screens",
            new ApproveScreenRequest(code.ToLowerInvariant().Insert(3, " "), "Lobby", WallView.FiguresOnly))).ReadAsync<DeviceDto>();

        Assert.Equal((DeviceStatus.Active, WallView.FiguresOnly, "Lobby"), (paired.Status, paired.View!.Value, paired.Name));
        var wall = await http.GetAsync("/wall");
        Assert.Equal(HttpStatusCode.Redirect, wall.StatusCode);
        Assert.Equal($"/sites/{setup.Site.Id}/wall", new Uri(app.BaseAddress, wall.Headers.Location!).AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/sites/{setup.Site.Id}/wall")).StatusCode);
    }

    [Fact]
    public async Task PairedScreen_ReadsItsBoard_AndNothingElse()
    {
        using var app = new TestApp();
        var setup = await DeviceSite.CreateAsync(app);
        var other = await app.CreateSiteAsync("Other Plaza");
        using var http = app.Client(await setup.PairWallAsync());
        var site = setup.Site.Id;

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/api/sites/{site}/snapshot")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/api/sites/{site}/events?after=0")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync($"/api/sites/{site}/staff")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync($"/api/sites/{site}/units")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync($"/api/sites/{site}/devices")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync($"/api/sites/{other.Id}/snapshot")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.PostAsJsonAsync($"/api/sites/{site}/posts", new CreatePost("Back door", PostKind.Gate, null, 2))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/auth/me")).StatusCode);
        // The pages people use send a screen back to its wall.
        foreach (var page in new[] { "board", "desk", "guard", "admin", "devices" })
        {
            var response = await http.GetAsync($"/sites/{site}/{page}");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/wall", response.Headers.Location!.OriginalString);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsJsonAsync("/api/tokens", new CreateTokenRequest("x", site, SiteRole.Guard, 1))).StatusCode);
    }

    [Fact]
    public async Task RevokedScreen_GoesBackToAPairingCode_NotAnError()
    {
        using var app = new TestApp();
        var setup = await DeviceSite.CreateAsync(app);
        var screen = await setup.PairWallAsync();
        using var manager = setup.Manager.Http();
        var device = Assert.Single(await (await manager.GetAsync($"/api/sites/{setup.Site.Id}/devices")).ReadAsync<List<DeviceDto>>());

        (await manager.PostAsync($"/api/sites/{setup.Site.Id}/devices/{device.Id}/revoke", null)).EnsureSuccessStatusCode();

        using var http = app.Client(screen);
        var wall = await http.GetAsync($"/sites/{setup.Site.Id}/wall");
        Assert.Equal(HttpStatusCode.Redirect, wall.StatusCode);
        Assert.Equal("/wall", wall.Headers.Location!.OriginalString);
        Assert.Matches("^[A-Z0-9]{6}$", await DeviceSite.PairingCodeAsync(http));
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync($"/api/sites/{setup.Site.Id}/snapshot")).StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ABC")]
    [InlineData("ZZZZZZ")]
    public async Task ApproveScreen_WithACodeNoScreenShows_Answers422(string code)
    {
        using var app = new TestApp();
        var setup = await DeviceSite.CreateAsync(app);
        using var manager = setup.Manager.Http();

        var problem = await (await manager.PostAsJsonAsync($"/api/sites/{setup.Site.Id}/devices/screens", new ApproveScreenRequest(code, null)))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.True(problem.GetProperty("errors").TryGetProperty("code", out _));
    }

    [Fact]
    public async Task ApproveScreen_ByAForeman_Answers403()
    {
        using var app = new TestApp();
        var setup = await DeviceSite.CreateAsync(app);
        var (_, code) = await setup.OpenWallAsync();
        using var foreman = setup.Foreman.Http();

        var response = await foreman.PostAsJsonAsync($"/api/sites/{setup.Site.Id}/devices/screens", new ApproveScreenRequest(code, null));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task PairedScreen_OnTheHub_JoinsItsSite_AndIsClosedWhenRevoked()
    {
        using var app = new TestApp();
        var setup = await DeviceSite.CreateAsync(app);
        var screen = await setup.PairWallAsync();
        await using var hub = app.HubConnection(screen);
        var closed = new TaskCompletionSource();
        hub.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await hub.StartAsync();
        await hub.InvokeAsync<StreamPosition>("JoinSite", setup.Site.Id);

        using var manager = setup.Manager.Http();
        var device = Assert.Single(await (await manager.GetAsync($"/api/sites/{setup.Site.Id}/devices")).ReadAsync<List<DeviceDto>>());
        (await manager.PostAsync($"/api/sites/{setup.Site.Id}/devices/{device.Id}/revoke", null)).EnsureSuccessStatusCode();

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
