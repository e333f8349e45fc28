using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Tests.Features.Visits;
using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Tests.Api;

/// <summary>
/// Careless requests (no body, the wrong content type, a body that is not the request, a field left
/// out, a null in a list) get an answer that says what is wrong with them: never a 404 for an address
/// that exists, never a 500, never a silent default, never the name of a type in the server's code.
/// </summary>
public sealed class RequestShapeTests
{
    [Fact]
    public async Task Post_WithoutBody_Returns400Problem()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        using var http = app.Http();

        var problem = await (await http.PostAsync($"/api/sites/{site.Id}/posts", null)).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("application/json", problem.GetProperty("detail").GetString());
        Assert.Equal(0, await app.QueryDbAsync(db => db.Posts.CountAsync()));
    }

    [Fact]
    public async Task Post_TextPlain_Returns415Problem()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        using var http = app.Http();
        var body = new StringContent("{\"name\":\"Gate\",\"kind\":\"gate\",\"routeOrder\":1}", System.Text.Encoding.UTF8, "text/plain");

        var problem = await (await http.PostAsync($"/api/sites/{site.Id}/posts", body)).ReadProblemAsync(HttpStatusCode.UnsupportedMediaType);

        Assert.Contains("application/json", problem.GetProperty("detail").GetString());
        Assert.Equal(0, await app.QueryDbAsync(db => db.Posts.CountAsync()));
    }

    [Theory]
    [InlineData("POST", "posts", "[]", HttpStatusCode.BadRequest, "CreatePost")]
    [InlineData("POST", "posts", "\"gate\"", HttpStatusCode.BadRequest, "CreatePost")]
    [InlineData("POST", "posts", "42", HttpStatusCode.BadRequest, "CreatePost")]
    [InlineData("POST", "posts", "null", HttpStatusCode.BadRequest, "CreatePost")]
    [InlineData("POST", "posts", "{\"name\": ", HttpStatusCode.BadRequest, "CreatePost")]
    [InlineData("POST", "posts", "{\"name\":\"Gate\",\"kind\":\"gate\",\"routeOrder\":[1]}", HttpStatusCode.UnprocessableEntity, "Int32")]
    [InlineData("POST", "staff", "{\"name\":\"李娜\",\"postId\":{}}", HttpStatusCode.UnprocessableEntity, "Guid")]
    [InlineData("PUT", "roster/2026-11-26/00000000-0000-0000-0000-000000000001", "{\"assignments\":{}}", HttpStatusCode.UnprocessableEntity, "RosterAssignment")]
    [InlineData("PUT", "roster/2026-11-26/00000000-0000-0000-0000-000000000001", "{\"assignments\":[{\"staffId\":5}]}", HttpStatusCode.UnprocessableEntity, "Guid")]
    [InlineData("PUT", "checklist-template", "[{\"key\":\"x\"}]", HttpStatusCode.BadRequest, "SetChecklistTemplate")]
    public async Task BadJson_NeverNamesInternalTypes(string method, string path, string body, HttpStatusCode expected, string typeName)
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        using var http = app.Http();

        var response = await http.SendRawAsync(new HttpMethod(method), $"/api/sites/{site.Id}/{path}", body);
        var text = await response.Content.ReadAsStringAsync();

        var problem = await response.ReadProblemAsync(expected);
        var said = expected == HttpStatusCode.BadRequest ? problem.GetProperty("detail").GetString() : problem.GetProperty("errors").ToString();
        Assert.False(string.IsNullOrWhiteSpace(said));
        Assert.DoesNotContain(typeName, text);
        Assert.DoesNotContain("Reception.", text);
        Assert.DoesNotContain("System.", text);
        Assert.DoesNotContain("Microsoft.", text);
    }

    [Fact]
    public async Task RosterCell_NullAssignment_Returns422()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        using var http = app.Http();
        var shift = await (await http.PostAsJsonAsync($"/api/sites/{site.Id}/shifts", new CreateShift(ShiftKind.Morning, new TimeOnly(7, 0), new TimeOnly(15, 0))))
            .ReadAsync<ShiftDto>(HttpStatusCode.Created);

        var problem = await (await http.SendRawAsync(HttpMethod.Put, $"/api/sites/{site.Id}/roster/2026-11-26/{shift.Id}", "{\"assignments\":[null]}"))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.True(problem.GetProperty("errors").TryGetProperty("assignments[0]", out _));
        Assert.Equal(0, await app.QueryDbAsync(db => db.Roster.CountAsync()));
    }

    [Fact]
    public async Task UnexpectedError_OnApiPath_Returns500ProblemNotAPage()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        // A fault no handler expects: the table behind the address is gone.
        await app.QueryDbAsync(db => db.Database.ExecuteSqlRawAsync("DROP TABLE \"Posts\""));
        using var http = app.Http();

        var response = await http.PostAsJsonAsync($"/api/sites/{site.Id}/posts", new CreatePost("East gate", PostKind.Gate, null, 1));
        var body = await response.Content.ReadAsStringAsync();

        await response.ReadProblemAsync(HttpStatusCode.InternalServerError);
        Assert.DoesNotContain("<html", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("no such table", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Sqlite", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task CreateUser_SiteWithoutRole_Returns422NamingRole()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        using var http = app.Http(); // a system administrator, who may create an account without any role

        var problem = await (await http.PostAsJsonAsync("/api/users", new CreateUserRequest("x", "x", site.Id))).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.True(problem.GetProperty("errors").TryGetProperty("role", out _));
        Assert.Equal(0, await app.QueryDbAsync(db => db.Users.CountAsync(u => u.UserName == "x")));
    }

    [Fact]
    public async Task LeaveDecision_MissingApprove_Returns422()
    {
        using var app = new TestApp();
        var s = await VisitSite.CreateAsync(app);
        var visit = await s.AnnounceAsync(DateTime.UtcNow.AddHours(2));
        var id = visit.Visit.Id;
        (await VisitSite.PostAsync(s.EastGuard, s.Url($"/{id}/posts/{s.EastGate.Id}/leave"), new RequestLeave("Unwell"))).EnsureSuccessStatusCode();

        var problem = await (await VisitSite.PostAsync(s.Foreman, s.Url($"/{id}/posts/{s.EastGate.Id}/leave/decision"), new { }))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.True(problem.GetProperty("errors").TryGetProperty("approve", out _));
        Assert.Equal(PostPresence.LeaveRequested, (await s.GetAsync(id)).Posts.Single(p => p.PostId == s.EastGate.Id).Presence);
    }

    [Fact]
    public async Task LinkStaff_EmptyBody_Returns422()
    {
        using var app = new TestApp();
        var (site, staff, guard) = await LinkedStaffAsync(app);
        using var http = app.Http();
        var url = $"/api/sites/{site.Id}/staff/{staff.Id}/user";

        var empty = await (await http.SendRawAsync(HttpMethod.Put, url, "{}")).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        var nobody = await (await http.SendRawAsync(HttpMethod.Put, url, "{\"userId\":null}")).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.True(empty.GetProperty("errors").TryGetProperty("userId", out _));
        Assert.True(nobody.GetProperty("errors").TryGetProperty("userId", out _));
        Assert.Equal(guard.Id, (await (await http.GetAsync($"/api/sites/{site.Id}/staff/{staff.Id}")).ReadAsync<StaffDto>()).UserId);
    }

    [Fact]
    public async Task UnlinkStaff_Delete_RemovesTheLink()
    {
        using var app = new TestApp();
        var (site, staff, _) = await LinkedStaffAsync(app);
        using var http = app.Http();

        var unlinked = await (await http.DeleteAsync($"/api/sites/{site.Id}/staff/{staff.Id}/user")).ReadAsync<StaffDto>();

        Assert.Null(unlinked.UserId);
    }

    [Fact]
    public async Task UpdateStaff_MissingActive_Returns422_AndKeepsThemActive()
    {
        using var app = new TestApp();
        var (site, staff, _) = await LinkedStaffAsync(app);
        using var http = app.Http();

        var problem = await (await http.SendRawAsync(HttpMethod.Put, $"/api/sites/{site.Id}/staff/{staff.Id}", $"{{\"name\":\"李娜\",\"version\":{staff.Version}}}"))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.True(problem.GetProperty("errors").TryGetProperty("active", out _));
        Assert.True((await (await http.GetAsync($"/api/sites/{site.Id}/staff/{staff.Id}")).ReadAsync<StaffDto>()).Active);
    }

    [Fact]
    public async Task UpdatePost_MissingRouteOrder_Returns422_AndKeepsItsPlace()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        using var http = app.Http();
        var post = await (await http.PostAsJsonAsync($"/api/sites/{site.Id}/posts", new CreatePost("Gate", PostKind.Gate, null, 5))).ReadAsync<PostDto>(HttpStatusCode.Created);

        var problem = await (await http.SendRawAsync(HttpMethod.Put, $"/api/sites/{site.Id}/posts/{post.Id}", $"{{\"name\":\"Gate\",\"kind\":\"gate\",\"version\":{post.Version}}}"))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.True(problem.GetProperty("errors").TryGetProperty("routeOrder", out _));
        Assert.Equal(5, (await (await http.GetAsync($"/api/sites/{site.Id}/posts/{post.Id}")).ReadAsync<PostDto>()).RouteOrder);
    }

    [Fact]
    public async Task SetChecklistTemplate_ItemWithoutMinutesBefore_Returns422()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        using var http = app.Http();
        const string body = """{"items":[{"key":"radio-check","rule":"§4.4.2","textZh":"对讲机已测试","textEn":"Radio tested","postKinds":["gate"],"levels":[3]}]}""";

        var problem = await (await http.SendRawAsync(HttpMethod.Put, $"/api/sites/{site.Id}/checklist-template", body)).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.True(problem.GetProperty("errors").TryGetProperty("items[0].minutesBefore", out _));
        Assert.Equal(0, await app.QueryDbAsync(db => db.ChecklistTemplate.CountAsync()));
    }

    /// <summary>A site with one staff record linked to a guard's account, as the system administrator made it.</summary>
    private static async Task<(SiteDto Site, StaffDto Staff, TestUser Guard)> LinkedStaffAsync(TestApp app)
    {
        var site = await app.CreateSiteAsync();
        var guard = await app.CreateUserAsync("guard-1", site.Id, roles: SiteRole.Guard);
        using var http = app.Http();
        var staff = await (await http.PostAsJsonAsync($"/api/sites/{site.Id}/staff", new CreateStaff("李娜", null, "G-1", null, null, null)))
            .ReadAsync<StaffDto>(HttpStatusCode.Created);
        var linked = await (await http.PutAsJsonAsync($"/api/sites/{site.Id}/staff/{staff.Id}/user", new LinkStaffRequest(guard.Id))).ReadAsync<StaffDto>();
        return (site, linked, guard);
    }
}
