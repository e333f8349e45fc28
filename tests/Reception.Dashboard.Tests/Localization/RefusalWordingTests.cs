using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Tests.Localization;

/// <summary>A refusal says what the caller did wrong, in the caller's language, title and all.</summary>
public sealed class RefusalWordingTests
{
    private static readonly Regex Chinese = new(@"\p{IsCJKUnifiedIdeographs}");

    [Fact]
    public async Task PersonOnly_ByToken_SaysPersonNotPin()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        using var token = await AdminTokenClientAsync(app, site.Id, "en");

        var newToken = await (await token.PostAsJsonAsync("/api/tokens", new CreateTokenRequest("another", site.Id, SiteRole.Admin, 30))).ReadProblemAsync(HttpStatusCode.Forbidden);
        var password = await (await token.PostAsJsonAsync("/api/auth/change-password", new ChangePasswordRequest(TestApp.Password, "another-password-1")))
            .ReadProblemAsync(HttpStatusCode.Forbidden);
        var pin = await (await token.PutAsJsonAsync("/api/auth/pin", new SetPinRequest(TestApp.Password, "2468"))).ReadProblemAsync(HttpStatusCode.Forbidden);

        const string personOnly = "Only a person signed in with their password may do this; tokens and guard phones may not.";
        Assert.Equal(personOnly, newToken.GetProperty("detail").GetString());
        Assert.Equal(personOnly, password.GetProperty("detail").GetString());
        Assert.Contains("PIN", pin.GetProperty("detail").GetString()); // where it is the PIN, it says so
    }

    [Fact]
    public async Task Refusals_InChinese_WhenAskedInChinese()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        var guard = await app.CreateUserAsync("guard-1", site.Id, roles: SiteRole.Guard);
        using var admin = app.Client(app.Root.Cookies, language: "zh-CN");
        using var asGuard = app.Client(guard.Cookies, language: "zh-CN");
        using var token = await AdminTokenClientAsync(app, site.Id, "zh-CN");
        var staff = new CreateStaff("李娜", null, "S-1", null, null, null);
        (await admin.PostAsJsonAsync($"/api/sites/{site.Id}/staff", staff)).EnsureSuccessStatusCode();
        await admin.SendJsonAsync(HttpMethod.Post, $"/api/sites/{site.Id}/posts", new CreatePost("东门", PostKind.Gate, null, 1), "key-1");

        var problems = new[]
        {
            // the roster
            await (await admin.GetAsync($"/api/sites/{site.Id}/roster?from=2026-11-23&days=99")).ReadProblemAsync(HttpStatusCode.UnprocessableEntity),
            // staff
            await (await admin.PostAsJsonAsync($"/api/sites/{site.Id}/staff", staff with { Name = "王伟" })).ReadProblemAsync(HttpStatusCode.Conflict),
            // accounts
            await (await asGuard.PostAsJsonAsync("/api/users", new CreateUserRequest("x", "x"))).ReadProblemAsync(HttpStatusCode.Forbidden),
            await (await token.PostAsJsonAsync("/api/tokens", new CreateTokenRequest("another", site.Id, SiteRole.Admin, 30))).ReadProblemAsync(HttpStatusCode.Forbidden),
            // the writer
            await (await admin.SendJsonAsync(HttpMethod.Post, $"/api/sites/{site.Id}/posts", new CreatePost("西门", PostKind.Gate, null, 2), "key-1"))
                .ReadProblemAsync(HttpStatusCode.UnprocessableEntity),
            // the pipeline itself
            await (await admin.GetAsync("/api/no-such-thing")).ReadProblemAsync(HttpStatusCode.NotFound),
            await (await admin.PostAsync($"/api/sites/{site.Id}/posts", new StringContent("东门", System.Text.Encoding.UTF8, "text/plain")))
                .ReadProblemAsync(HttpStatusCode.UnsupportedMediaType),
            await (await admin.SendRawAsync(HttpMethod.Post, $"/api/sites/{site.Id}/posts", "{\"name\":\"东门\",\"kind\":\"gate\",\"routeOrder\":\"first\"}"))
                .ReadProblemAsync(HttpStatusCode.UnprocessableEntity),
        };

        Assert.All(problems.SelectMany(Words), words => Assert.Matches(Chinese, words));
    }

    /// <summary>The title, the detail and every field error of a problem.</summary>
    private static IEnumerable<string> Words(JsonElement problem)
    {
        yield return problem.GetProperty("title").GetString()!;
        if (problem.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String)
        {
            yield return detail.GetString()!;
        }

        if (problem.TryGetProperty("errors", out var errors))
        {
            foreach (var message in errors.EnumerateObject().SelectMany(field => field.Value.EnumerateArray()))
            {
                yield return message.GetString()!;
            }
        }
    }

    /// <summary>A client holding a personal access token for Admin at the site, made by a site Admin.</summary>
    private static async Task<HttpClient> AdminTokenClientAsync(TestApp app, Guid siteId, string language)
    {
        var owner = await app.CreateUserAsync($"token-owner-{language}", siteId, roles: SiteRole.Admin);
        using var http = owner.Http();
        var created = await (await http.PostAsJsonAsync("/api/tokens", new CreateTokenRequest("script", siteId, SiteRole.Admin, 30))).ReadAsync<CreatedTokenDto>(HttpStatusCode.Created);
        var client = app.Client(language: language);
        client.DefaultRequestHeaders.Authorization = new("Bearer", created.Secret!);
        return client;
    }
}
