using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Tests.Features.Accounts;

/// <summary>A token's check is remembered between requests (issue 16); any change it depends on must still be refused at the very next request.</summary>
public sealed class TokenCacheTests
{
    [Fact]
    public async Task Token_UsedThenItsRoleRemoved_IsRefusedAtTheNextRequest()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        var (user, device) = await TokenInUseAsync(app, site.Id);

        using var root = app.Http();
        (await root.DeleteAsync($"/api/sites/{site.Id}/roles/{user.Id}/{SiteRole.CommandCenter}")).EnsureSuccessStatusCode();

        await (await device.GetAsync($"/api/sites/{site.Id}/snapshot")).ReadProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Token_UsedThenItsUserDisabled_IsRefusedAtTheNextRequest()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        var (user, device) = await TokenInUseAsync(app, site.Id);

        using var root = app.Http();
        (await root.PostAsync($"/api/users/{user.Id}/disable", null)).EnsureSuccessStatusCode();

        await (await device.GetAsync($"/api/sites/{site.Id}/snapshot")).ReadProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Token_UsedManyTimes_KeepsWorking_AndRecordsItsLastUse()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        var (_, device) = await TokenInUseAsync(app, site.Id);

        for (var i = 0; i < 20; i++)
        {
            (await device.GetAsync($"/api/sites/{site.Id}/snapshot")).EnsureSuccessStatusCode();
        }

        Assert.NotNull(await app.QueryDbAsync(db => db.AccessTokens.Select(t => t.LastUsedAt).SingleAsync()));
    }

    /// <summary>A command-center user's token, already used twice, so its check is remembered.</summary>
    private static async Task<(TestUser User, HttpClient Device)> TokenInUseAsync(TestApp app, Guid siteId)
    {
        var user = await app.CreateUserAsync("operator", siteId, roles: SiteRole.CommandCenter);
        using var own = user.Http();
        var created = await (await own.PostAsJsonAsync("/api/tokens", new CreateTokenRequest("board", siteId, SiteRole.CommandCenter, 30)))
            .ReadAsync<CreatedTokenDto>(HttpStatusCode.Created);
        var device = app.Client();
        device.DefaultRequestHeaders.Authorization = new("Bearer", created.Secret);
        (await device.GetAsync($"/api/sites/{siteId}/snapshot")).EnsureSuccessStatusCode();
        (await device.GetAsync($"/api/sites/{siteId}/snapshot")).EnsureSuccessStatusCode();
        return (user, device);
    }
}
