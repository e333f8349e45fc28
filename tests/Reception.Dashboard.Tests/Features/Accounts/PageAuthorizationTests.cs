using System.Net;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Features.Accounts;
using Reception.Dashboard.Features.Sites;
using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Tests.Features.Accounts;

public sealed class PageAuthorizationTests
{
    // The only pages a stranger may open; every other page sends them to sign in. The device pages
    // are public because a phone or screen opens them before anyone is signed in on it.
    private static readonly string[] AnonymousPages = ["/", "/sign-in", "/setup", "/not-found", "/Error", "/wall", "/phone", "/phone/enrol"];

    [Fact]
    public async Task EveryPage_Anonymous_IsServedOnlyIfPublic_ElseSentToSignIn()
    {
        using var app = new TestApp(seedDemoData: true);
        using var anonymous = app.Client();
        var pages = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
            .Select(e => "/" + e.RoutePattern.RawText!.Trim('/').Replace("{SiteId:guid}", Guid.NewGuid().ToString()).Replace("{VisitId:guid}", Guid.NewGuid().ToString()))
            .Distinct()
            .ToList();
        Assert.Contains("/board", pages);
        Assert.Contains(pages, p => p.StartsWith("/sites/"));

        foreach (var page in pages)
        {
            var response = await anonymous.GetAsync(page);
            if (AnonymousPages.Contains(page))
            {
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page}: {(int)response.StatusCode}");
            }
            else
            {
                Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{page}: {(int)response.StatusCode}");
                // A wall page is opened by a screen, which is paired rather than signed in.
                var expected = page.EndsWith("/wall") ? "/wall" : "/sign-in";
                var location = new Uri(app.BaseAddress, response.Headers.Location!).PathAndQuery;
                Assert.True(location.StartsWith(expected), $"{page}: sent to {location}");
            }
        }
    }

    [Fact]
    public async Task Board_SignedIn_IsServed()
    {
        using var app = new TestApp(seedDemoData: true);
        using var http = app.Http();

        var response = await http.GetAsync("/board");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(response.Headers.Location)).StatusCode);
    }

    [Fact]
    public async Task AccountsPage_ForAGuard_IsRefused_ForAnAdmin_IsServed()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        var guard = await app.CreateUserAsync("guard-1", site.Id, roles: SiteRole.Guard);
        var admin = await app.CreateUserAsync("admin-1", site.Id, roles: SiteRole.Admin);

        var refused = await guard.Http().GetAsync("/admin/users");
        var served = await admin.Http().GetAsync("/admin/users");

        // Signed in but not for this page: told so, with a way to their own page, not sent back to sign in.
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/denied", refused.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    [Fact]
    public async Task SiteBoard_AtASiteWithoutARole_IsRefused()
    {
        using var app = new TestApp();
        var mine = await app.CreateSiteAsync("Mine");
        var other = await app.CreateSiteAsync("Other");
        var foreman = await app.CreateUserAsync("foreman-1", mine.Id, roles: SiteRole.Foreman);
        using var http = foreman.Http();

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/sites/{mine.Id}/board")).StatusCode);
        var refused = await http.GetAsync($"/sites/{other.Id}/board");
        // Signed in but not for this page: told so, with a way to their own page, not sent back to sign in.
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/denied", refused.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task GuardPage_DemoGuard_SeesTheirPostOnTheShiftRunningNow()
    {
        using var app = new TestApp(seedDemoData: true);
        var guard = await app.SignInAsync("guard", Reception.Dashboard.Data.DemoData.DemoPassword);
        using var http = guard.Http();
        var sites = await (await http.GetAsync("/api/sites")).ReadAsync<List<SiteDto>>();

        var html = WebUtility.HtmlDecode(await http.GetStringAsync($"/sites/{sites[0].Id}/guard"));

        Assert.Contains("data-testid=\"guard-post\"", html);
        Assert.Contains("东大门岗 East gate", html);
    }

    [Fact]
    public async Task AdminIndex_SystemAdministrator_IsOfferedANewSiteEvenWithOneSite()
    {
        using var app = new TestApp(seedDemoData: true);
        using var http = app.Http();

        var response = await http.GetAsync("/admin");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"new-site-name\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public void SiteSettings_OpenForExactlyTheRolesThatMayChangeOneOfItsSections()
    {
        // Nobody is led to a page with nothing on it, and nobody who may change a section is kept from it.
        foreach (var role in Enum.GetValues<SiteRole>())
        {
            var changesOne = SiteSettingsPage.Sections.Any(section => Permissions.Grants(role, section.Permission));
            Assert.True(changesOne == Permissions.Grants(role, Permission.OpenSiteSettings),
                $"A {role} {(changesOne ? "may change a section but cannot open" : "may open, yet change no section of")} the site settings");
        }
    }

    [Fact]
    public async Task SiteSettings_ForAManager_ShowTheIncidentLimits_NotTheSitesNameOrTheWayToAdministration_ForTheCommandCenter_AreRefused()
    {
        using var app = new TestApp(seedDemoData: true);
        var siteId = await app.DemoSiteIdAsync();
        using var manager = (await app.SignInAsync("manager", Reception.Dashboard.Data.DemoData.DemoPassword)).Http();
        using var command = (await app.SignInAsync("command", Reception.Dashboard.Data.DemoData.DemoPassword)).Http();

        var served = await manager.GetAsync($"/sites/{siteId}/admin/site");
        var html = await served.Content.ReadAsStringAsync();
        var refused = await command.GetAsync($"/sites/{siteId}/admin/site");

        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Contains("data-testid=\"settings-incident-limits\"", html);
        Assert.DoesNotContain("data-testid=\"settings-site\"", html);
        Assert.DoesNotContain("data-testid=\"settings-back\"", html);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/denied", refused.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task StaffAdmin_OffersToLinkEachPersonToTheAccountTheySignInWith()
    {
        using var app = new TestApp(seedDemoData: true);
        using var http = app.Http();
        var sites = await (await http.GetAsync("/api/sites")).ReadAsync<List<SiteDto>>();

        var html = WebUtility.HtmlDecode(await http.GetStringAsync($"/sites/{sites[0].Id}/admin/staff"));

        Assert.Contains("data-testid=\"staff-account\"", html);
        Assert.Contains("value=\"guard\"", html); // the demo guard's staff record shows its account
    }
}
