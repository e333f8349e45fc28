using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Components.Layout;
using Reception.Dashboard.Data;
using Reception.Dashboard.Features.Accounts;
using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Tests.Features.Accounts;

/// <summary>The app bar offers each person the pages of their roles, and no page that would refuse them.</summary>
public sealed class MenuTests
{
    [Fact]
    public void MenuEntry_LeadsToThePageItNames()
    {
        foreach (var entry in AppMenu.Entries)
        {
            var routes = entry.Page.GetCustomAttributes<RouteAttribute>().Select(r => r.Template).ToList();
            // A page about one site is reached through its picker: /board opens /sites/{id}/board.
            Assert.True(routes.Contains(entry.Href) || routes.Contains("/sites/{SiteId:guid}" + entry.Href),
                $"{entry.Id} goes to {entry.Href}, but {entry.Page.Name} is at {string.Join(", ", routes)}");
        }
    }

    [Fact]
    public void MenuEntry_IsOfferedOnlyToRolesItsPagesPolicyAdmits()
    {
        foreach (var entry in AppMenu.Entries)
        {
            foreach (var role in Enum.GetValues<SiteRole>().Where(role => Offered(entry, role)))
            {
                Assert.True(Admits(entry.Page, role), $"A {role} is offered {entry.Id}, but {entry.Page.Name} refuses them");
            }
        }
    }

    [Fact]
    public void MenuEntry_IsOfferedToEveryRoleItsPagesPolicyAdmits_SaveTheWallPreview()
    {
        // The wall page also opens for a paired screen, which reads the board; people are offered its preview only to pair screens.
        foreach (var entry in AppMenu.Entries.Where(e => e.Id != "wall"))
        {
            foreach (var role in Enum.GetValues<SiteRole>().Where(role => Admits(entry.Page, role)))
            {
                Assert.True(Offered(entry, role), $"{entry.Page.Name} opens for a {role}, but the menu does not offer {entry.Id}");
            }
        }
    }

    [Fact]
    public async Task Menu_OnTheDesk_ForTheFrontDesk_OffersTheDeskBoardAndEscalations_NotMyPostOrTheWall()
    {
        using var app = new TestApp(seedDemoData: true);
        var siteId = await app.DemoSiteIdAsync();
        var desk = await app.SignInAsync("desk", DemoData.DemoPassword);
        using var http = desk.Http();

        var html = await http.GetStringAsync($"/sites/{siteId}/desk");

        // No 我的岗位 (guard) and no 大屏 (wall): the desk cannot use them. Its shift lead is one of its own (desk §2.7).
        Assert.Equal(["account", "board", "desk", "escalations", "home", "pin", "tokens"], NavIds(html).Order());
    }

    [Fact]
    public async Task Menu_OnTheGuardPage_ForAGuard_OffersMyPost_NotTheBoardOrAdministration()
    {
        using var app = new TestApp(seedDemoData: true);
        var siteId = await app.DemoSiteIdAsync();
        var guard = await app.SignInAsync("guard", DemoData.DemoPassword);
        using var http = guard.Http();

        var html = await http.GetStringAsync($"/sites/{siteId}/guard");

        Assert.Equal(["account", "guard", "home", "pin", "tokens"], NavIds(html).Order());
    }

    [Fact]
    public async Task Menu_OnTheQueue_ForADepartment_OffersItsQueueAndTheBoard_NotTheDesk()
    {
        using var app = new TestApp(seedDemoData: true);
        var siteId = await app.DemoSiteIdAsync();
        var engineering = await app.SignInAsync("engineering", DemoData.DemoPassword);
        using var http = engineering.Http();

        var html = await http.GetStringAsync($"/sites/{siteId}/incidents/mine");

        // The desk's page holds residents' details (desk §2.8): a department works from its own queue.
        Assert.Equal(["account", "board", "home", "pin", "queue", "tokens"], NavIds(html).Order());
    }

    [Theory]
    [InlineData("supervisor", "desk")]
    [InlineData("manager", "board")]
    [InlineData("desk", "desk")]
    [InlineData("foreman", "board")]
    public async Task Menu_OffersTheEscalationInbox_ToWhomAnEscalationMayGo_AndItOpens(string userName, string page)
    {
        using var app = new TestApp(seedDemoData: true);
        var siteId = await app.DemoSiteIdAsync();
        using var http = (await app.SignInAsync(userName, DemoData.DemoPassword)).Http();

        // desk §2.7, §2.9: a complaint goes to the desk's shift lead, a FrontDesk or Foreman person rostered as foreman
        // at the desk; a lobby situation to the supervisor or the manager. Each reads and acknowledges it in the inbox.
        Assert.Contains("escalations", NavIds(await http.GetStringAsync($"/sites/{siteId}/{page}")));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/sites/{siteId}/incidents/escalations")).StatusCode);
    }

    [Theory]
    [InlineData("guard", "guard")]
    [InlineData("engineering", "incidents/mine")]
    [InlineData("command", "board")]
    public async Task Menu_NeitherOffersNorServesTheEscalationInbox_ToAGuardADepartmentOrTheCommandCenter(string userName, string page)
    {
        using var app = new TestApp(seedDemoData: true);
        var siteId = await app.DemoSiteIdAsync();
        using var http = (await app.SignInAsync(userName, DemoData.DemoPassword)).Http();

        // Their work is elsewhere, and the command center hears every escalation on its board, where it sounds.
        Assert.DoesNotContain("escalations", NavIds(await http.GetStringAsync($"/sites/{siteId}/{page}")));
        var refused = await http.GetAsync($"/sites/{siteId}/incidents/escalations");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/denied", refused.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Menu_ForAManager_OffersTheSiteSettings_NotTheAdministration_TheCommandCenterNeither()
    {
        using var app = new TestApp(seedDemoData: true);
        var siteId = await app.DemoSiteIdAsync();
        using var manager = (await app.SignInAsync("manager", DemoData.DemoPassword)).Http();
        using var command = (await app.SignInAsync("command", DemoData.DemoPassword)).Http();

        // The manager sets the incident time limits (a section of the settings) without administering the site.
        var managers = NavIds(await manager.GetStringAsync($"/sites/{siteId}/board")).ToList();
        Assert.Contains("settings", managers);
        Assert.DoesNotContain("admin", managers);
        Assert.DoesNotContain("settings", NavIds(await command.GetStringAsync($"/sites/{siteId}/board")));
    }

    [Theory]
    [InlineData("guard", "board")]
    [InlineData("desk", "guard")]
    [InlineData("command", "desk")]
    public async Task RolesPage_ForARoleThatCannotUseIt_IsRefused(string userName, string page)
    {
        using var app = new TestApp(seedDemoData: true);
        var siteId = await app.DemoSiteIdAsync();
        var person = await app.SignInAsync(userName, DemoData.DemoPassword);
        using var http = person.Http();

        var response = await http.GetAsync($"/sites/{siteId}/{page}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/denied", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task HomePage_OpensTheSignedInGuardsPost_AndSendsAStrangerToSignIn()
    {
        using var app = new TestApp(seedDemoData: true);
        var siteId = await app.DemoSiteIdAsync();
        var guard = await app.SignInAsync("guard", DemoData.DemoPassword);
        using var signedIn = guard.Http();
        using var stranger = app.Client();

        Assert.Contains($"href=\"/sites/{siteId}/guard\"", OpenButton(await signedIn.GetStringAsync("/")));
        Assert.Contains("href=\"/sign-in\"", OpenButton(await stranger.GetStringAsync("/")));
    }

    private static bool Offered(MenuEntry entry, SiteRole role) => entry.Permission is not { } permission || Permissions.Grants(role, permission);

    /// <summary>Whether a person holding only <paramref name="role"/> at the site passes the page's policies.</summary>
    private static bool Admits(Type page, SiteRole role) =>
        page.IsDefined(typeof(AllowAnonymousAttribute))
        || page.GetCustomAttributes<AuthorizeAttribute>().All(a => a.Policy switch
        {
            null => true,
            SitePermissionPolicies.AnyAdmin => role == SiteRole.Admin,
            SitePermissionPolicies.SystemAdmin => false,
            var policy => Permissions.Grants(role, Enum.GetValues<Permission>().Single(p => SitePermissionPolicies.For(p) == policy)),
        });

    /// <summary>The menu entries in the page's wide app bar, each once.</summary>
    [Fact]
    public async Task Menu_OnAGuardPhonesPinSession_OffersMyPost_NotTokensPinOrPassword()
    {
        using var app = new TestApp();
        var setup = await Reception.Dashboard.Tests.Features.Devices.DeviceSite.CreateAsync(app);
        using var phone = app.Client(await setup.GuardOnPhoneAsync());

        var html = await phone.GetStringAsync($"/sites/{setup.Site.Id}/guard");

        // The API refuses a PIN session tokens, the PIN and the password: the menu does not offer them either.
        Assert.Equal(["guard", "home"], NavIds(html).Order());
    }

    [Fact]
    public async Task RefusedPage_ForASignedInGuard_SaysSo_AndLeadsToTheirOwnPage_NotBackToSignIn()
    {
        using var app = new TestApp(seedDemoData: true);
        var siteId = await app.DemoSiteIdAsync();
        var guard = await app.SignInAsync("guard", DemoData.DemoPassword);
        using var http = guard.Http();

        var refused = await http.GetAsync($"/sites/{siteId}/board");
        var denied = await http.GetStringAsync(refused.Headers.Location);

        Assert.StartsWith("/denied", refused.Headers.Location!.PathAndQuery);
        Assert.Matches($"<a[^>]*href=\"/sites/{siteId}/guard\"[^>]*data-testid=\"denied-my-page\"|<a[^>]*data-testid=\"denied-my-page\"[^>]*href=\"/sites/{siteId}/guard\"", denied);
    }

    private static IEnumerable<string> NavIds(string html) =>
        Regex.Matches(html, "data-testid=\"nav-([a-z]+)\"").Select(m => m.Groups[1].Value).Distinct();

    private static string OpenButton(string html) => Regex.Match(html, "<a[^>]*data-testid=\"open-board\"[^>]*>").Value;
}
