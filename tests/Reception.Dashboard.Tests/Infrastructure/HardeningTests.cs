using System.Net;
using System.Net.Http.Json;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Tests.Infrastructure;

public sealed class HardeningTests
{
    [Fact]
    public async Task SignIn_TooManyAttemptsFromOneAddress_Answers429WithRetryAfter()
    {
        using var app = new TestApp(createRoot: false, settings: new Dictionary<string, string> { ["RateLimits:SignInPerMinute"] = "3" });
        using var http = app.Client();
        for (var i = 0; i < 3; i++)
        {
            await (await http.PostAsJsonAsync("/api/auth/sign-in", new SignInRequest("nobody", "wrong-password"))).ReadProblemAsync(HttpStatusCode.Unauthorized);
        }

        var limited = await http.PostAsJsonAsync("/api/auth/sign-in", new SignInRequest("nobody", "wrong-password"));

        var problem = await limited.ReadProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single()) is > 0 and <= 60);
        Assert.Contains("Try again in", problem.GetProperty("detail").GetString());
        // Looking at the sign-in page is not an attempt.
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/sign-in")).StatusCode);
    }

    [Fact]
    public async Task PinEntry_TooManyAttemptsFromOneAddress_Answers429WithRetryAfter()
    {
        using var app = new TestApp(settings: new Dictionary<string, string> { ["RateLimits:PinPerMinute"] = "3" });
        using var http = app.Client();
        for (var i = 0; i < 3; i++)
        {
            await (await http.PostAsJsonAsync("/api/phone/sign-in", new PhoneSignInRequest("G-1", "0000"))).ReadProblemAsync(HttpStatusCode.Conflict);
        }

        var limited = await http.PostAsJsonAsync("/api/phone/sign-in", new PhoneSignInRequest("G-1", "0000"));

        await limited.ReadProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single()) is > 0 and <= 60);
    }

    [Fact]
    public async Task PairingCodes_TooManyGuessesFromOneAddress_Answers429WithRetryAfter()
    {
        using var app = new TestApp(settings: new Dictionary<string, string> { ["RateLimits:PairingPerMinute"] = "3" });
        var site = await app.CreateSiteAsync();
        using var http = app.Http();
        for (var i = 0; i < 3; i++)
        {
            await (await http.PostAsJsonAsync($"/api/sites/{site.Id}/devices/screens", new ApproveScreenRequest("ZZZZZZ", null))).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        }

        var limited = await http.PostAsJsonAsync($"/api/sites/{site.Id}/devices/screens", new ApproveScreenRequest("ZZZZZZ", null));

        await limited.ReadProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(limited.Headers.Contains("Retry-After"));
        // Enrolment codes are guessed the same way, and share the address's allowance.
        await (await app.Client().PostAsJsonAsync("/api/phone/enrol", new RedeemEnrolmentRequest("ABCDEFGHJK"))).ReadProblemAsync(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task TokenUse_OverTheTokensAllowance_Answers429WithRetryAfter()
    {
        using var app = new TestApp(settings: new Dictionary<string, string> { ["RateLimits:TokenRequestsPerMinute"] = "3" });
        var site = await app.CreateSiteAsync();
        var created = await (await app.Http().PostAsJsonAsync("/api/tokens", new CreateTokenRequest("script", site.Id, SiteRole.Admin, 1)))
            .ReadAsync<CreatedTokenDto>(HttpStatusCode.Created);
        using var http = app.Client();
        http.DefaultRequestHeaders.Authorization = new("Bearer", created.Secret);
        for (var i = 0; i < 3; i++)
        {
            (await http.GetAsync($"/api/sites/{site.Id}")).EnsureSuccessStatusCode();
        }

        var limited = await http.GetAsync($"/api/sites/{site.Id}");

        await limited.ReadProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(limited.Headers.Contains("Retry-After"));
        // The person who owns the token is not slowed down by their script.
        Assert.Equal(HttpStatusCode.OK, (await app.Http().GetAsync($"/api/sites/{site.Id}")).StatusCode);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/api/nothing-here")]
    [InlineData("/health")]
    public async Task EveryAnswer_CarriesTheSecurityHeaders(string path)
    {
        using var app = new TestApp();
        using var http = app.Client();

        var response = await http.GetAsync(path);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Contains("script-src 'self';", policy);
        // Only styles may be inline (MudBlazor needs it); nothing may be evaluated.
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(policy, "'unsafe-inline'"));
        Assert.Contains("style-src 'self' 'unsafe-inline';", policy);
        Assert.DoesNotContain("unsafe-eval", policy);
    }

    [Fact]
    public async Task Cookies_AreHttpOnlyAndSameSite()
    {
        using var app = new TestApp(createRoot: false);
        await app.CreateUserAsync("someone");
        using var http = app.Client();

        var signIn = await http.PostAsJsonAsync("/api/auth/sign-in", new SignInRequest("someone", TestApp.Password));
        var wall = await app.Client().GetAsync("/wall");

        var cookies = signIn.Headers.GetValues("Set-Cookie").Concat(wall.Headers.GetValues("Set-Cookie")).ToList();
        Assert.Contains(cookies, c => c.StartsWith("reception.auth="));
        Assert.Contains(cookies, c => c.StartsWith("reception.device="));
        Assert.All(cookies, c => Assert.Contains("httponly", c, StringComparison.OrdinalIgnoreCase));
        Assert.All(cookies, c => Assert.Contains("samesite=", c, StringComparison.OrdinalIgnoreCase));
    }
}
