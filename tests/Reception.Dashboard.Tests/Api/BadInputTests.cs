using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Tests.Api;

/// <summary>Every refusal is problem+json with the exact status, and the database is left as it was.</summary>
public sealed class BadInputTests
{
    [Theory]
    [InlineData("{\"name\": \"East gate\", ")]
    [InlineData("not json")]
    [InlineData("")]
    public async Task CreatePost_UnparseableBody_Returns400_AndWritesNothing(string body)
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        using var http = app.Http();

        var problem = await (await http.SendRawAsync(HttpMethod.Post, $"/api/sites/{site.Id}/posts", body)).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        await AssertNothingWrittenAsync(app, site.Id);
    }

    [Theory]
    [InlineData("\"castle\"")]
    [InlineData("\"gate,lobby\"")]
    [InlineData("\"3\"")]
    [InlineData("99")]
    [InlineData("0")]
    [InlineData("{}")]
    public async Task CreatePost_OutOfRangeKind_Returns422NamingTheField(string kind)
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        using var http = app.Http();

        var response = await http.SendRawAsync(HttpMethod.Post, $"/api/sites/{site.Id}/posts", $"{{\"name\":\"East gate\",\"kind\":{kind},\"routeOrder\":1}}");
        var problem = await response.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        var message = problem.GetProperty("errors").GetProperty("kind")[0].GetString();
        Assert.Contains("gate, lobby, patrolTeam", message);
        await AssertNothingWrittenAsync(app, site.Id);
    }

    [Fact]
    public async Task CreatePost_OversizeAndMissingText_Returns422PerField()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        using var http = app.Http();

        var response = await http.PostAsJsonAsync($"/api/sites/{site.Id}/posts", new CreatePost(new string('x', 101), PostKind.Gate, new string('y', 101), 1));
        var problem = await response.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        var errors = problem.GetProperty("errors");
        Assert.Contains("100", errors.GetProperty("name")[0].GetString());
        Assert.True(errors.TryGetProperty("location", out _));
        await AssertNothingWrittenAsync(app, site.Id);
    }

    [Theory]
    [InlineData("shifts", "{\"kind\":\"morning\",\"start\":\"25:00\",\"end\":\"15:00\"}", "start")]
    [InlineData("staff", "{\"name\":\"李娜\",\"departmentId\":\"not-a-guid\"}", "departmentId")]
    [InlineData("posts", "{\"name\":\"Gate\",\"kind\":\"gate\",\"routeOrder\":\"first\"}", "routeOrder")]
    public async Task Create_ValueOfWrongType_Returns422NamingTheField(string resource, string body, string field)
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        using var http = app.Http();

        var problem = await (await http.SendRawAsync(HttpMethod.Post, $"/api/sites/{site.Id}/{resource}", body)).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
        await AssertNothingWrittenAsync(app, site.Id);
    }

    [Fact]
    public async Task ApiError_CallerAcceptsOnlyHtml_StillAnswersProblemJson()
    {
        using var app = new TestApp();
        using var http = app.Http();
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/sites/{Guid.NewGuid()}");
        request.Headers.Accept.ParseAdd("text/html");

        await (await http.SendAsync(request)).ReadProblemAsync(HttpStatusCode.NotFound);
        var unknownRoute = new HttpRequestMessage(HttpMethod.Get, "/api/nothing-here");
        unknownRoute.Headers.Accept.ParseAdd("text/html");
        await (await http.SendAsync(unknownRoute)).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task CreateSite_UnknownTimeZone_Returns422()
    {
        using var app = new TestApp();
        using var http = app.Http();

        var problem = await (await http.PostAsJsonAsync("/api/sites", new CreateSite("Plaza", "Mars/Olympus"))).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.True(problem.GetProperty("errors").TryGetProperty("timeZoneId", out _));
        Assert.Equal(0, await app.QueryDbAsync(db => db.Sites.CountAsync()));
    }

    [Fact]
    public async Task Requests_UnknownIds_Return404()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        using var http = app.Http();
        var unknown = Guid.NewGuid();

        await (await http.GetAsync($"/api/sites/{unknown}")).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await http.GetAsync($"/api/sites/{unknown}/posts")).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await http.GetAsync($"/api/sites/{unknown}/events")).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await http.PostAsJsonAsync($"/api/sites/{unknown}/posts", new CreatePost("Gate", PostKind.Gate, null, 1))).ReadProblemAsync(HttpStatusCode.NotFound);
        var problem = await (await http.PutAsJsonAsync($"/api/sites/{site.Id}/posts/{unknown}", new UpdatePost("Gate", PostKind.Gate, null, 1, 1)))
            .ReadProblemAsync(HttpStatusCode.NotFound);

        Assert.Contains(unknown.ToString(), problem.GetProperty("detail").GetString());
        await AssertNothingWrittenAsync(app, site.Id);
    }

    [Fact]
    public async Task UpdatePost_StaleVersion_Returns409WithCurrentVersion_AndKeepsTheOtherChange()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        using var http = app.Http();
        var post = await (await http.PostAsJsonAsync($"/api/sites/{site.Id}/posts", new CreatePost("Gate", PostKind.Gate, null, 1))).ReadAsync<PostDto>(HttpStatusCode.Created);
        await (await http.PutAsJsonAsync($"/api/sites/{site.Id}/posts/{post.Id}", new UpdatePost("Gate A", PostKind.Gate, null, 1, post.Version))).ReadAsync<PostDto>();

        // A second operator still holds version 1.
        var response = await http.PutAsJsonAsync($"/api/sites/{site.Id}/posts/{post.Id}", new UpdatePost("Gate B", PostKind.Gate, null, 1, post.Version));
        var problem = await response.ReadProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal(2, problem.GetProperty("currentVersion").GetInt64());
        Assert.Equal("Gate A", problem.GetProperty("current").GetProperty("name").GetString());
        Assert.Equal("Gate A", await app.QueryDbAsync(db => db.Posts.Where(p => p.Id == post.Id).Select(p => p.Name).SingleAsync()));
        Assert.Equal(3, await app.QueryDbAsync(db => db.Events.CountAsync(e => e.SiteId == site.Id)));
    }

    [Fact]
    public async Task UpdatePost_WhenArchived_Returns409()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        using var http = app.Http();
        var post = await (await http.PostAsJsonAsync($"/api/sites/{site.Id}/posts", new CreatePost("Gate", PostKind.Gate, null, 1))).ReadAsync<PostDto>(HttpStatusCode.Created);
        var archived = await (await http.PostAsync($"/api/sites/{site.Id}/posts/{post.Id}/archive", null)).ReadAsync<PostDto>();

        var problem = await (await http.PutAsJsonAsync($"/api/sites/{site.Id}/posts/{post.Id}", new UpdatePost("Gate 2", PostKind.Gate, null, 1, archived.Version)))
            .ReadProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains("archived", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task CreatePost_DuplicateName_Returns409()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        using var http = app.Http();
        (await http.PostAsJsonAsync($"/api/sites/{site.Id}/posts", new CreatePost("Gate", PostKind.Gate, null, 1))).EnsureSuccessStatusCode();

        await (await http.PostAsJsonAsync($"/api/sites/{site.Id}/posts", new CreatePost(" Gate ", PostKind.Lobby, null, 2))).ReadProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal(1, await app.QueryDbAsync(db => db.Posts.CountAsync()));
    }

    [Fact]
    public async Task CreateStaff_ReferenceToAnotherSitesPost_Returns422()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync("North");
        var other = await app.CreateSiteAsync("South");
        using var http = app.Http();
        var otherPost = await (await http.PostAsJsonAsync($"/api/sites/{other.Id}/posts", new CreatePost("Gate", PostKind.Gate, null, 1))).ReadAsync<PostDto>(HttpStatusCode.Created);

        var problem = await (await http.PostAsJsonAsync($"/api/sites/{site.Id}/staff", new CreateStaff("李娜", null, null, null, otherPost.Id, null)))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.True(problem.GetProperty("errors").TryGetProperty("postId", out _));
        Assert.Equal(0, await app.QueryDbAsync(db => db.Staff.CountAsync()));
    }

    [Fact]
    public async Task UnknownApiRoute_Returns404Problem_NotAPage()
    {
        using var app = new TestApp();
        using var http = app.Http();

        await (await http.GetAsync("/api/no-such-thing")).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Development_UnparseableBody_IsProblemJsonWithoutStackTrace()
    {
        using var app = new TestApp(environment: "Development");
        var site = await app.CreateSiteAsync();
        using var http = app.Http();

        var response = await http.SendRawAsync(HttpMethod.Post, $"/api/sites/{site.Id}/posts", "{");
        var body = await response.Content.ReadAsStringAsync();

        await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.DoesNotContain("StackTrace", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<html", body, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task AssertNothingWrittenAsync(TestApp app, Guid siteId)
    {
        Assert.Equal(0, await app.QueryDbAsync(db => db.Posts.CountAsync(p => p.SiteId == siteId)));
        Assert.Equal(1, await app.QueryDbAsync(db => db.Events.CountAsync(e => e.SiteId == siteId))); // the site's creation
    }
}
