using System.Net;
using Reception.Dashboard.Data;
using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Tests.Api;

public sealed class HostingTests
{
    [Theory]
    [InlineData("/_framework/blazor.web.js")]
    [InlineData("/css/app.css")]
    [InlineData("/favicon.svg")]
    public async Task StaticAsset_FromFrameworkOrTopLevelWwwroot_Returns200WithBody(string path)
    {
        using var app = new TestApp();
        using var http = app.Http();

        var response = await http.GetAsync(path);
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(body);
    }

    [Fact]
    public async Task Health_WithMigratedDatabase_ReturnsHealthy()
    {
        using var app = new TestApp();
        using var http = app.Http();

        var response = await http.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OpenApi_Document_DescribesTheApi()
    {
        using var app = new TestApp();
        using var http = app.Http();

        var document = await http.GetStringAsync("/openapi/v1.json");

        Assert.Contains("/api/sites/{siteId}/events", document);
        Assert.Contains("/api/sites/{siteId}/posts", document);
    }

    [Fact]
    public async Task StartPage_Renders()
    {
        using var app = new TestApp();
        using var http = app.Http();

        var html = await http.GetStringAsync("/");

        Assert.Contains("data-testid=\"open-board\"", html);
    }

    [Fact]
    public async Task Board_Prerenders_TheSiteAndItsPosts()
    {
        using var app = new TestApp(seedDemoData: true);
        using var http = app.Http();

        var chooser = await http.GetAsync("/board");
        Assert.Equal(HttpStatusCode.Redirect, chooser.StatusCode); // one site: straight to its board
        var html = WebUtility.HtmlDecode(await http.GetStringAsync(chooser.Headers.Location));

        Assert.Matches($"data-testid=\"site-name\"[^>]*>{DemoData.SiteName}<", html);
        Assert.Contains("东大门岗 East gate", html);
    }

    [Fact]
    public async Task Board_UnknownSite_SaysSoInsteadOfFailing()
    {
        using var app = new TestApp(seedDemoData: true);
        using var http = app.Http();

        var response = await http.GetAsync($"/sites/{Guid.NewGuid()}/board");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("This site does not exist", await response.Content.ReadAsStringAsync());
    }
}
