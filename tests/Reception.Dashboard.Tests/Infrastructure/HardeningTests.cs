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
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
    }
}
