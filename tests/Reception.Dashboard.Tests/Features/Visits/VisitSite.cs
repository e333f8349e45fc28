using System.Net;
using System.Net.Http.Json;
using Reception.Dashboard.Client;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Tests.Features.Visits;

/// <summary>
/// A site for visit tests: two gates (the route), a patrol team and the duty room; a guard linked to the
/// east gate's staff record, another at the west gate; a command-center operator, a foreman and a manager.
/// </summary>
internal sealed record VisitSite(
    TestApp App, SiteDto Site, PostDto EastGate, PostDto WestGate, PostDto Patrol, PostDto DutyRoom,
    TestUser Command, TestUser Foreman, TestUser Manager, TestUser EastGuard, TestUser WestGuard)
{
    public static async Task<VisitSite> CreateAsync(TestApp app, string timeZoneId = "Asia/Shanghai")
    {
        var site = await app.CreateSiteAsync(timeZoneId: timeZoneId);
        using var admin = app.Http();
        async Task<PostDto> PostAsync(string name, PostKind kind, int order) =>
            await (await admin.PostAsJsonAsync($"/api/sites/{site.Id}/posts", new CreatePost(name, kind, null, order), BoardJson.Options)).ReadAsync<PostDto>(HttpStatusCode.Created);
        var east = await PostAsync("East gate", PostKind.Gate, 1);
        var west = await PostAsync("West gate", PostKind.Gate, 2);
        var patrol = await PostAsync("Patrol team", PostKind.PatrolTeam, 3);
        var dutyRoom = await PostAsync("Duty room", PostKind.DutyRoom, 4);

        var eastGuard = await app.CreateUserAsync("east-guard", site.Id, roles: SiteRole.Guard);
        var westGuard = await app.CreateUserAsync("west-guard", site.Id, roles: SiteRole.Guard);
        foreach (var (guard, post, number) in new[] { (eastGuard, east, "E-1"), (westGuard, west, "W-1") })
        {
            var staff = await (await admin.PostAsJsonAsync($"/api/sites/{site.Id}/staff", new CreateStaff(guard.UserName, null, number, null, post.Id, null), BoardJson.Options))
                .ReadAsync<StaffDto>(HttpStatusCode.Created);
            (await admin.PutAsJsonAsync($"/api/sites/{site.Id}/staff/{staff.Id}/user", new LinkStaffRequest(guard.Id))).EnsureSuccessStatusCode();
        }

        return new VisitSite(app, site, east, west, patrol, dutyRoom,
            await app.CreateUserAsync("command", site.Id, roles: SiteRole.CommandCenter),
            await app.CreateUserAsync("foreman", site.Id, roles: SiteRole.Foreman),
            await app.CreateUserAsync("manager", site.Id, roles: SiteRole.Manager),
            eastGuard, westGuard);
    }

    public string Url(string path = "") => $"/api/sites/{Site.Id}/visits{path}";

    /// <summary>A level-3 visit along both gates, announced by the command center.</summary>
    public async Task<VisitDetailDto> AnnounceAsync(DateTime arrival, int level = 3, string title = "Delegation")
    {
        using var http = Command.Http();
        return await (await http.PostAsJsonAsync(Url(), new AnnounceVisit(title, level, arrival, [EastGate.Id, WestGate.Id]), BoardJson.Options))
            .ReadAsync<VisitDetailDto>(HttpStatusCode.Created);
    }

    public async Task<VisitDetailDto> GetAsync(Guid visitId)
    {
        using var http = Command.Http();
        return await (await http.GetAsync(Url($"/{visitId}"))).ReadAsync<VisitDetailDto>();
    }

    public static Task<HttpResponseMessage> PostAsync(TestUser user, string url, object? body = null, string? idempotencyKey = null)
    {
        var http = user.Http();
        return http.SendJsonAsync(HttpMethod.Post, url, body ?? new { }, idempotencyKey);
    }
}
