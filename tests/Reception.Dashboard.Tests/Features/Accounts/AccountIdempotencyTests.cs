using System.Net;
using Microsoft.EntityFrameworkCore;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Tests.Features.Accounts;

/// <summary>Account and token writes honour Idempotency-Key like every other write, and never repeat a secret.</summary>
public sealed class AccountIdempotencyTests
{
    [Fact]
    public async Task CreateToken_ThreeTimesWithOneKey_MakesOneToken_AndRepeatsWithoutTheSecret()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        var request = new CreateTokenRequest("Lobby tablet", site.Id, SiteRole.Guard, 30);
        using var http = app.Http();

        var first = await (await http.SendJsonAsync(HttpMethod.Post, "/api/tokens", request, "key-1")).ReadAsync<CreatedTokenDto>(HttpStatusCode.Created);
        var second = await (await http.SendJsonAsync(HttpMethod.Post, "/api/tokens", request, "key-1")).ReadAsync<CreatedTokenDto>(HttpStatusCode.Created);
        var third = await (await http.SendJsonAsync(HttpMethod.Post, "/api/tokens", request, "key-1")).ReadAsync<CreatedTokenDto>(HttpStatusCode.Created);

        Assert.StartsWith("rdt_", first.Secret);
        Assert.Null(first.Notice);
        Assert.All([second, third], repeat =>
        {
            Assert.Equivalent(first.Token, repeat.Token, strict: true);
            Assert.Null(repeat.Secret);
            Assert.Contains("shown once", repeat.Notice);
        });
        Assert.Equal(1, await app.QueryDbAsync(db => db.AccessTokens.CountAsync()));
        Assert.False(await app.QueryDbAsync(db => db.IdempotencyRecords.AnyAsync(r => r.Result.Contains(first.Secret!))));
    }

    [Fact]
    public async Task CreateToken_ConcurrentlyWithOneKey_MakesOneToken()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        var request = new CreateTokenRequest("Lobby tablet", site.Id, SiteRole.Guard, 30);

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
        {
            using var http = app.Http();
            return await http.SendJsonAsync(HttpMethod.Post, "/api/tokens", request, "same-key");
        }));

        Assert.Equal(1, await app.QueryDbAsync(db => db.AccessTokens.CountAsync()));
        Assert.All(answers, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        var created = new List<CreatedTokenDto>();
        foreach (var answer in answers.Where(a => a.StatusCode == HttpStatusCode.Created))
        {
            created.Add(await answer.ReadAsync<CreatedTokenDto>(HttpStatusCode.Created));
        }

        Assert.Single(created.Select(c => c.Token.Id).Distinct());
        Assert.True(created.Count(c => c.Secret is not null) <= 1);
    }

    [Fact]
    public async Task ResetPassword_TwiceWithOneKey_SetsOnePassword_AndTheFirstStillWorks()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        var desk = await app.CreateUserAsync("desk-1", site.Id, roles: SiteRole.FrontDesk);
        using var http = app.Http();

        var first = await (await http.SendJsonAsync(HttpMethod.Post, $"/api/users/{desk.Id}/reset-password", new { }, "reset-1")).ReadAsync<UserWithPasswordDto>();
        var repeat = await (await http.SendJsonAsync(HttpMethod.Post, $"/api/users/{desk.Id}/reset-password", new { }, "reset-1")).ReadAsync<UserWithPasswordDto>();

        Assert.NotNull(first.Password);
        Assert.Null(repeat.Password);
        Assert.Contains("shown once", repeat.Notice);
        await app.SignInAsync("desk-1", first.Password!);
    }

    [Fact]
    public async Task CreateUser_TwiceWithOneKey_CreatesOneAccount()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        var request = new CreateUserRequest("zhao.min", "Zhao Min", site.Id, SiteRole.Guard);
        using var http = app.Http();

        var first = await (await http.SendJsonAsync(HttpMethod.Post, "/api/users", request, "new-user")).ReadAsync<UserWithPasswordDto>(HttpStatusCode.Created);
        var repeat = await (await http.SendJsonAsync(HttpMethod.Post, "/api/users", request, "new-user")).ReadAsync<UserWithPasswordDto>(HttpStatusCode.Created);

        Assert.Equivalent(first.User, repeat.User, strict: true);
        Assert.Null(repeat.Password);
        Assert.Equal(1, await app.QueryDbAsync(db => db.Users.CountAsync(u => u.UserName == "zhao.min")));
        await app.SignInAsync("zhao.min", first.Password!);
    }

    [Fact]
    public async Task DisableAndRevoke_RepeatedWithOneKey_AnswerTheFirstResult()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        var desk = await app.CreateUserAsync("desk-1", site.Id, roles: SiteRole.FrontDesk);
        using var http = app.Http();
        var token = await (await http.SendJsonAsync(HttpMethod.Post, "/api/tokens", new CreateTokenRequest("t", site.Id, SiteRole.Admin, null)))
            .ReadAsync<CreatedTokenDto>(HttpStatusCode.Created);

        var disabled = await (await http.SendJsonAsync(HttpMethod.Post, $"/api/users/{desk.Id}/disable", new { }, "off")).ReadAsync<UserDto>();
        (await http.SendJsonAsync(HttpMethod.Post, $"/api/users/{desk.Id}/enable", new { }, "on")).EnsureSuccessStatusCode();
        var again = await (await http.SendJsonAsync(HttpMethod.Post, $"/api/users/{desk.Id}/disable", new { }, "off")).ReadAsync<UserDto>();
        var revoked = await (await SendDeleteAsync(http, $"/api/tokens/{token.Token.Id}", "gone")).ReadAsync<TokenDto>();
        var revokedAgain = await (await SendDeleteAsync(http, $"/api/tokens/{token.Token.Id}", "gone")).ReadAsync<TokenDto>();

        Assert.True(disabled.Disabled);
        Assert.Equivalent(disabled, again, strict: true);
        Assert.False(await app.QueryDbAsync(db => db.Users.Where(u => u.Id == desk.Id).Select(u => u.Disabled).SingleAsync()));
        Assert.NotNull(revoked.RevokedAt);
        Assert.Equal(revoked, revokedAgain);
    }

    [Fact]
    public async Task SameKey_ForADifferentAccountRequest_Returns422()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        using var http = app.Http();
        (await http.SendJsonAsync(HttpMethod.Post, "/api/tokens", new CreateTokenRequest("one", site.Id, SiteRole.Guard, 1), "k")).EnsureSuccessStatusCode();

        var problem = await (await http.SendJsonAsync(HttpMethod.Post, "/api/tokens", new CreateTokenRequest("two", site.Id, SiteRole.Guard, 1), "k"))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.True(problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
        Assert.Equal(1, await app.QueryDbAsync(db => db.AccessTokens.CountAsync()));
    }

    [Fact]
    public async Task RefusedWrite_GivesItsKeyBack_SoTheRetryRunsOnceTheCauseIsGone()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        var holder = await app.CreateUserAsync("zhao.min", site.Id, roles: SiteRole.Guard);
        var request = new CreateUserRequest("zhao.min", "Zhao Min", site.Id, SiteRole.FrontDesk);
        using var http = app.Http();

        await (await http.SendJsonAsync(HttpMethod.Post, "/api/users", request, "k")).ReadProblemAsync(HttpStatusCode.Conflict);
        await app.QueryDbAsync(db => db.Users.Where(u => u.Id == holder.Id).ExecuteDeleteAsync());
        var created = await (await http.SendJsonAsync(HttpMethod.Post, "/api/users", request, "k")).ReadAsync<UserWithPasswordDto>(HttpStatusCode.Created);

        Assert.NotNull(created.Password);
        Assert.Equal([SiteRole.FrontDesk], created.User.Roles.Select(r => r.Role));
    }

    private static Task<HttpResponseMessage> SendDeleteAsync(HttpClient http, string url, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, url);
        request.Headers.Add("Idempotency-Key", key);
        return http.SendAsync(request);
    }
}
