using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Tests.Features.Accounts;

/// <summary>Sign-out ends this session, at once and everywhere it is used, and no other.</summary>
public sealed class SignOutTests
{
    [Fact]
    public async Task SignOut_ACopyOfTheCookie_IsRefusedOnItsNextRequest()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        var desk = await app.CreateUserAsync("desk-1", site.Id, roles: SiteRole.FrontDesk);
        var copy = CopyOf(desk.Cookies, app.BaseAddress);

        using (var http = desk.Http())
        {
            Assert.Equal(HttpStatusCode.NoContent, (await http.PostAsync("/api/auth/sign-out", null)).StatusCode);
        }

        using var thief = app.Client(copy);
        await (await thief.GetAsync("/api/auth/me")).ReadProblemAsync(HttpStatusCode.Unauthorized);
        await (await thief.GetAsync($"/api/sites/{site.Id}/snapshot")).ReadProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task SignOut_LeavesThePersonsOtherSessionsSignedIn()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        var laptop = await app.CreateUserAsync("operator", site.Id, roles: SiteRole.CommandCenter);
        var phone = await app.SignInAsync("operator");

        (await laptop.Http().PostAsync("/api/auth/sign-out", null)).EnsureSuccessStatusCode();

        using var http = phone.Http();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/api/sites/{site.Id}/snapshot")).StatusCode);
        Assert.Equal(phone.Id, (await (await http.GetAsync("/api/auth/me")).ReadAsync<MeDto>()).UserId);
    }

    [Fact]
    public async Task SignOut_ClosesThisSessionsHubConnections_AndNoOthers()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        var signingOut = await app.CreateUserAsync("operator", site.Id, roles: SiteRole.CommandCenter);
        var staying = await app.SignInAsync("operator");
        await using var closing = signingOut.HubConnection();
        await using var open = staying.HubConnection();
        var closed = new TaskCompletionSource();
        closing.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        foreach (var connection in new[] { closing, open })
        {
            await connection.StartAsync();
            await connection.InvokeAsync<StreamPosition>("JoinSite", site.Id);
        }

        (await signingOut.Http().PostAsync("/api/auth/sign-out", null)).EnsureSuccessStatusCode();

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HubConnectionState.Connected, open.State);
        Assert.NotNull(await open.InvokeAsync<StreamPosition>("JoinSite", site.Id));
    }

    [Fact]
    public async Task SignInAgain_AfterSignOut_OpensANewSession()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        var desk = await app.CreateUserAsync("desk-1", site.Id, roles: SiteRole.FrontDesk);
        (await desk.Http().PostAsync("/api/auth/sign-out", null)).EnsureSuccessStatusCode();

        var again = await app.SignInAsync("desk-1");

        Assert.Equal(HttpStatusCode.OK, (await again.Http().GetAsync($"/api/sites/{site.Id}/snapshot")).StatusCode);
    }

    [Fact]
    public async Task PasswordChange_KeepsThisSession_AndEndsTheOthers()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        var here = await app.CreateUserAsync("desk-1", site.Id, roles: SiteRole.FrontDesk);
        var elsewhere = await app.SignInAsync("desk-1");
        using var http = here.Http();

        (await http.PostAsJsonAsync("/api/auth/change-password", new ChangePasswordRequest(TestApp.Password, "new-password-2"))).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/api/sites/{site.Id}/snapshot")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await elsewhere.Http().GetAsync($"/api/sites/{site.Id}/snapshot")).StatusCode);
    }

    private static CookieContainer CopyOf(CookieContainer cookies, Uri address)
    {
        var copy = new CookieContainer();
        foreach (Cookie cookie in cookies.GetCookies(address))
        {
            copy.Add(new Cookie(cookie.Name, cookie.Value, cookie.Path, cookie.Domain));
        }

        return copy;
    }
}
