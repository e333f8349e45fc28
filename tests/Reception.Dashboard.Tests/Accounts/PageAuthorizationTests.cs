using System.Net;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Tests.Accounts;

public sealed class PageAuthorizationTests
{
    // The only pages a stranger may open; every other page sends them to sign in.
    private static readonly string[] AnonymousPages = ["/", "/sign-in", "/setup", "/not-found", "/Error"];

    [Fact]
    public async Task EveryPage_Anonymous_IsServedOnlyIfPublic_ElseSentToSignIn()
    {
        using var app = new TestApp(seedDemoData: true);
        using var anonymous = app.Client();
        var pages = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
            .Select(e => "/" + e.RoutePattern.RawText!.Trim('/'))
            .Distinct()
            .ToList();
        Assert.Contains("/board", pages);

        foreach (var page in pages)
        {
            var response = await anonymous.GetAsync(page);
            if (AnonymousPages.Contains(page))
            {
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page}: {(int)response.StatusCode}");
            }
            else
            {
                Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{page}: {(int)response.StatusCode}");
                Assert.StartsWith("/sign-in", response.Headers.Location!.PathAndQuery);
            }
        }
    }

    [Fact]
    public async Task Board_SignedIn_IsServed()
    {
        using var app = new TestApp(seedDemoData: true);
        using var http = app.Http();

        var response = await http.GetAsync("/board");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
