using System.Net.Http.Json;
using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Data;
using Reception.Dashboard.Features.Accounts;
using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Tests.Features.Accounts;

/// <summary>Where a person lands when they sign in with nothing else asked for: their own role's page.</summary>
public sealed class LandingTests
{
    [Fact]
    public async Task Landing_EachDemoAccount_IsItsRolesPageAtTheDemoSite()
    {
        using var app = new TestApp(seedDemoData: true);
        var siteId = await app.DemoSiteIdAsync();
        var expected = new Dictionary<SiteRole, string>
        {
            [SiteRole.Admin] = "admin",
            [SiteRole.CommandCenter] = "board",
            [SiteRole.Foreman] = "board",
            [SiteRole.Guard] = "guard",
            [SiteRole.FrontDesk] = "desk",
            [SiteRole.Supervisor] = "desk",
            [SiteRole.Manager] = "board",
            [SiteRole.Department] = "incidents/mine",
        };

        foreach (var (userName, _, role) in DemoData.Users)
        {
            Assert.Equal($"/sites/{siteId}/{expected[role]}", Landing.For(await app.PrincipalAsync(userName)));
        }
    }

    [Theory]
    [InlineData(SiteRole.Guard, SiteRole.FrontDesk, "desk")]
    [InlineData(SiteRole.Guard, SiteRole.Foreman, "board")]
    [InlineData(SiteRole.FrontDesk, SiteRole.Manager, "board")]
    [InlineData(SiteRole.CommandCenter, SiteRole.Admin, "admin")]
    public async Task Landing_SeveralRolesAtASite_IsTheMostCapableRolesPage(SiteRole one, SiteRole other, string page)
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        await app.CreateUserAsync("two-hats", site.Id, roles: [one, other]);

        Assert.Equal($"/sites/{site.Id}/{page}", Landing.For(await app.PrincipalAsync("two-hats")));
    }

    [Fact]
    public async Task Landing_TheSamePageAtTwoSites_IsThatPagesSitePicker()
    {
        using var app = new TestApp();
        var first = await app.CreateSiteAsync("First Plaza");
        var second = await app.CreateSiteAsync("Second Plaza");
        var guard = await app.CreateUserAsync("guard-1", first.Id, roles: SiteRole.Guard);
        await GrantAsync(app, second.Id, guard.Id, SiteRole.Guard);

        Assert.Equal("/guard", Landing.For(await app.PrincipalAsync("guard-1")));
    }

    [Fact]
    public async Task Landing_AGuardHereAndTheCommandCenterThere_IsTheBoardThere()
    {
        using var app = new TestApp();
        var here = await app.CreateSiteAsync("Here Plaza");
        var there = await app.CreateSiteAsync("There Plaza");
        var person = await app.CreateUserAsync("operator-1", here.Id, roles: SiteRole.Guard);
        await GrantAsync(app, there.Id, person.Id, SiteRole.CommandCenter);

        Assert.Equal($"/sites/{there.Id}/board", Landing.For(await app.PrincipalAsync("operator-1")));
    }

    [Fact]
    public async Task Landing_SystemAdministrator_WithoutARole_IsTheSiteList_WithOne_IsThatRolesPage()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();

        Assert.Equal("/admin", Landing.For(await app.PrincipalAsync(TestApp.RootUserName)));

        await GrantAsync(app, site.Id, app.Root.Id, SiteRole.Guard);
        Assert.Equal($"/sites/{site.Id}/guard", Landing.For(await app.PrincipalAsync(TestApp.RootUserName)));
    }

    [Fact]
    public async Task Landing_NoRoleAnywhere_IsTheBoardsPicker_WhichSaysThereIsNoSite()
    {
        using var app = new TestApp();
        await app.CreateSiteAsync();
        await app.CreateUserAsync("newcomer");

        Assert.Equal("/board", Landing.For(await app.PrincipalAsync("newcomer")));
    }

    [Fact]
    public void Landing_EveryRolesPage_OpensForThatRole()
    {
        var pages = typeof(Program).Assembly.GetTypes()
            .SelectMany(type => type.GetCustomAttributes<RouteAttribute>().Select(route => (route.Template, Type: type)))
            .ToDictionary(p => p.Template, p => p.Type);

        foreach (var role in Enum.GetValues<SiteRole>())
        {
            var page = pages[$"/sites/{{SiteId:guid}}/{Landing.PageOf(role)}"];
            var policies = page.GetCustomAttributes<AuthorizeAttribute>().Select(a => a.Policy).OfType<string>().ToList();
            Assert.True(policies.Count == 1, $"{page.Name} should name one policy");
            var permission = Enum.GetValues<Permission>().Single(p => SitePermissionPolicies.For(p) == policies[0]);
            Assert.True(Permissions.Grants(role, permission), $"A {role} would land on {page.Name}, which demands {permission}");
        }
    }

    private static async Task GrantAsync(TestApp app, Guid siteId, Guid userId, SiteRole role)
    {
        using var http = app.Http();
        (await http.PostAsJsonAsync($"/api/sites/{siteId}/roles", new GrantRoleRequest(userId, role))).EnsureSuccessStatusCode();
    }
}
