using System.Net;
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

    [Theory]
    [InlineData("/")]
    [InlineData("/board")]
    public async Task Page_Renders(string path)
    {
        using var app = new TestApp(seedDemoData: true);
        using var http = app.Http();

        var response = await http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Reception Dashboard", await response.Content.ReadAsStringAsync());
    }
}
