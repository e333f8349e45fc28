using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Features.Accounts;
using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Tests.Features.Accounts;

/// <summary>An Admin of one site reaches no account that works further than they administer.</summary>
public sealed class SiteAdminScopeTests
{
    [Fact]
    public async Task GrantRole_ToASystemAdministrator_Returns403_AndChangesNothing()
    {
        using var app = new TestApp();
        var (site, admin) = await SiteWithAdminAsync(app);
        var stampBefore = await StampAsync(app, app.Root.Id);

        await (await admin.Http().PostAsJsonAsync($"/api/sites/{site.Id}/roles", new GrantRoleRequest(app.Root.Id, SiteRole.Guard)))
            .ReadProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal(stampBefore, await StampAsync(app, app.Root.Id));
        Assert.False(await app.QueryDbAsync(db => db.UserSiteRoles.AnyAsync(r => r.UserId == app.Root.Id)));
        Assert.Equal(HttpStatusCode.OK, (await app.Http().GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task GrantRole_ToAnAccountOfAnotherSite_Returns403_WithoutItsRoles()
    {
        using var app = new TestApp();
        var (site, admin) = await SiteWithAdminAsync(app);
        var other = await app.CreateSiteAsync("Other Plaza");
        var elsewhere = await app.CreateUserAsync("elsewhere", other.Id, roles: SiteRole.Manager);
        var stampBefore = await StampAsync(app, elsewhere.Id);

        var response = await admin.Http().PostAsJsonAsync($"/api/sites/{site.Id}/roles", new GrantRoleRequest(elsewhere.Id, SiteRole.Guard));

        var problem = await response.ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.DoesNotContain(other.Id.ToString(), problem.GetRawText());
        Assert.DoesNotContain("elsewhere", problem.GetRawText());
        Assert.Equal(stampBefore, await StampAsync(app, elsewhere.Id));
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.Http().GetAsync($"/api/sites/{other.Id}/snapshot")).StatusCode);
    }

    [Fact]
    public async Task GrantRole_ToAnAccountTheyCreated_Works()
    {
        using var app = new TestApp();
        var (site, admin) = await SiteWithAdminAsync(app);
        using var http = admin.Http();
        var created = await (await http.PostAsJsonAsync("/api/users", new CreateUserRequest("new-1", "New one", site.Id, SiteRole.Guard)))
            .ReadAsync<UserWithPasswordDto>(HttpStatusCode.Created);

        var granted = await (await http.PostAsJsonAsync($"/api/sites/{site.Id}/roles", new GrantRoleRequest(created.User.Id, SiteRole.FrontDesk)))
            .ReadAsync<UserDto>();

        Assert.Equal([SiteRole.Guard, SiteRole.FrontDesk], granted.Roles.Select(r => r.Role).Order());
    }

    [Fact]
    public async Task RevokeRole_AnswerShowsOnlyTheSitesTheAdminAdministers()
    {
        using var app = new TestApp();
        var (site, admin) = await SiteWithAdminAsync(app);
        var other = await app.CreateSiteAsync("Other Plaza");
        var both = await app.CreateUserAsync("both", site.Id, roles: SiteRole.Guard);
        await app.QueryDbAsync(async db =>
        {
            db.UserSiteRoles.Add(new UserSiteRole { UserId = both.Id, SiteId = other.Id, Role = SiteRole.Manager });
            return await db.SaveChangesAsync();
        });

        var answer = await admin.Http().DeleteAsync($"/api/sites/{site.Id}/roles/{both.Id}/Guard");

        var body = await answer.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.DoesNotContain(other.Id.ToString(), body);
        Assert.Empty((await answer.ReadAsync<UserDto>()).Roles);
    }

    [Fact]
    public async Task RevokeRole_OfASystemAdministrator_Returns403_AndKeepsTheirSession()
    {
        using var app = new TestApp();
        var (site, admin) = await SiteWithAdminAsync(app);
        using (var root = app.Http())
        {
            (await root.PostAsJsonAsync($"/api/sites/{site.Id}/roles", new GrantRoleRequest(app.Root.Id, SiteRole.Manager))).EnsureSuccessStatusCode();
        }

        var root2 = await app.SignInAsync(TestApp.RootUserName);
        await (await admin.Http().DeleteAsync($"/api/sites/{site.Id}/roles/{app.Root.Id}/Manager")).ReadProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal(HttpStatusCode.OK, (await root2.Http().GetAsync("/api/auth/me")).StatusCode);
    }

    [Theory]
    [InlineData("system administrator")]
    [InlineData("account of another site")]
    public async Task LinkStaff_ToAnAccountBeyondTheAdminsSites_Returns403_AndLinksNothing(string whom)
    {
        using var app = new TestApp();
        var (site, admin) = await SiteWithAdminAsync(app);
        var other = await app.CreateSiteAsync("Other Plaza");
        var target = whom == "system administrator" ? app.Root.Id : (await app.CreateUserAsync("elsewhere", other.Id, roles: SiteRole.Guard)).Id;
        using var http = admin.Http();
        var staff = await (await http.PostAsJsonAsync($"/api/sites/{site.Id}/staff", new CreateStaff("Li Na", null, "S-1", null, null, null)))
            .ReadAsync<StaffDto>(HttpStatusCode.Created);

        await (await http.PutAsJsonAsync($"/api/sites/{site.Id}/staff/{staff.Id}/user", new LinkStaffRequest(target)))
            .ReadProblemAsync(HttpStatusCode.Forbidden);

        Assert.Null(await app.QueryDbAsync(db => db.Staff.Where(s => s.Id == staff.Id).Select(s => s.UserId).SingleAsync()));
    }

    [Fact]
    public async Task LinkStaff_ToAColleagueAtTheSite_Works()
    {
        using var app = new TestApp();
        var (site, admin) = await SiteWithAdminAsync(app);
        var colleague = await app.CreateUserAsync("colleague", site.Id, roles: SiteRole.Guard);
        using var http = admin.Http();
        var staff = await (await http.PostAsJsonAsync($"/api/sites/{site.Id}/staff", new CreateStaff("Li Na", null, "S-1", null, null, null)))
            .ReadAsync<StaffDto>(HttpStatusCode.Created);

        var linked = await (await http.PutAsJsonAsync($"/api/sites/{site.Id}/staff/{staff.Id}/user", new LinkStaffRequest(colleague.Id))).ReadAsync<StaffDto>();

        Assert.Equal(colleague.Id, linked.UserId);
    }

    private static async Task<(SiteDto Site, TestUser Admin)> SiteWithAdminAsync(TestApp app)
    {
        var site = await app.CreateSiteAsync();
        return (site, await app.CreateUserAsync("site-admin", site.Id, roles: SiteRole.Admin));
    }

    private static Task<string?> StampAsync(TestApp app, Guid userId) =>
        app.QueryDbAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.SecurityStamp).SingleAsync());
}
