using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Tests.Api;

public sealed class IdempotencyTests
{
    [Fact]
    public async Task CreatePost_ReplayedIdempotencyKey_ReturnsFirstResult_AndWritesNothing()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        using var http = app.Http();
        var request = new CreatePost("East gate", PostKind.Gate, null, 1);

        var first = await (await http.SendJsonAsync(HttpMethod.Post, $"/api/sites/{site.Id}/posts", request, "key-1")).ReadAsync<PostDto>(HttpStatusCode.Created);
        var replay = await (await http.SendJsonAsync(HttpMethod.Post, $"/api/sites/{site.Id}/posts", request, "key-1")).ReadAsync<PostDto>(HttpStatusCode.Created);

        Assert.Equal(first, replay);
        Assert.Equal(1, await app.QueryDbAsync(db => db.Posts.CountAsync()));
        Assert.Equal(2, await app.QueryDbAsync(db => db.Events.CountAsync(e => e.SiteId == site.Id)));
    }

    [Fact]
    public async Task UpdatePost_ReplayedKeyAfterAnotherChange_StillReturnsFirstResult()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        using var http = app.Http();
        var post = await (await http.PostAsJsonAsync($"/api/sites/{site.Id}/posts", new CreatePost("Gate", PostKind.Gate, null, 1))).ReadAsync<PostDto>(HttpStatusCode.Created);
        var rename = new UpdatePost("Gate A", PostKind.Gate, null, 1, post.Version);

        var first = await (await http.SendJsonAsync(HttpMethod.Put, $"/api/sites/{site.Id}/posts/{post.Id}", rename, "rename-1")).ReadAsync<PostDto>();
        await (await http.PutAsJsonAsync($"/api/sites/{site.Id}/posts/{post.Id}", new UpdatePost("Gate B", PostKind.Gate, null, 1, first.Version))).ReadAsync<PostDto>();
        var replay = await (await http.SendJsonAsync(HttpMethod.Put, $"/api/sites/{site.Id}/posts/{post.Id}", rename, "rename-1")).ReadAsync<PostDto>();

        Assert.Equal(first, replay);
        Assert.Equal("Gate B", await app.QueryDbAsync(db => db.Posts.Select(p => p.Name).SingleAsync()));
    }

    [Fact]
    public async Task CreatePost_KeyReusedForDifferentRequest_Returns422_AndWritesNothing()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        using var http = app.Http();
        await http.SendJsonAsync(HttpMethod.Post, $"/api/sites/{site.Id}/posts", new CreatePost("East gate", PostKind.Gate, null, 1), "key-1");

        var problem = await (await http.SendJsonAsync(HttpMethod.Post, $"/api/sites/{site.Id}/posts", new CreatePost("West gate", PostKind.Gate, null, 2), "key-1"))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.True(problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
        Assert.Equal(["East gate"], await app.QueryDbAsync(db => db.Posts.Select(p => p.Name).ToListAsync()));
    }

    [Fact]
    public async Task UpdatePost_SameValuesWithoutKey_Returns200_WithoutEventOrNewVersion()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        using var http = app.Http();
        var post = await (await http.PostAsJsonAsync($"/api/sites/{site.Id}/posts", new CreatePost("Gate", PostKind.Gate, "East", 1))).ReadAsync<PostDto>(HttpStatusCode.Created);

        var again = await (await http.PutAsJsonAsync($"/api/sites/{site.Id}/posts/{post.Id}", new UpdatePost("Gate", PostKind.Gate, "East", 1, post.Version))).ReadAsync<PostDto>();
        var archived = await (await http.PostAsync($"/api/sites/{site.Id}/posts/{post.Id}/archive", null)).ReadAsync<PostDto>();
        var archivedAgain = await (await http.PostAsync($"/api/sites/{site.Id}/posts/{post.Id}/archive", null)).ReadAsync<PostDto>();

        Assert.Equal(post, again);
        Assert.Equal(archived, archivedAgain);
        Assert.Equal(3, await app.QueryDbAsync(db => db.Events.CountAsync(e => e.SiteId == site.Id))); // site, post created, archived
    }
}
