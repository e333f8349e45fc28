using System.Net;
using System.Net.Http.Json;
using System.Xml.Linq;
using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Tests.Localization;

public sealed class LocalizationTests
{
    private static readonly string SourceRoot = Path.Combine(FindRepositoryRoot(), "src", "Reception.Dashboard");

    public static TheoryData<string> ResourceFiles() =>
        [.. Directory.EnumerateFiles(SourceRoot, "*.resx", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".zh-Hans.resx", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(SourceRoot, f))];

    [Theory]
    [MemberData(nameof(ResourceFiles))]
    public void Resources_EveryKey_ExistsInEnglishAndChinese_AndIsNotEmpty(string englishFile)
    {
        var english = Keys(Path.Combine(SourceRoot, englishFile));
        var chinese = Keys(Path.Combine(SourceRoot, englishFile.Replace(".resx", ".zh-Hans.resx")));

        Assert.Equal(english.Keys.Order(), chinese.Keys.Order());
        Assert.All(english.Concat(chinese), entry => Assert.False(string.IsNullOrWhiteSpace(entry.Value), $"{entry.Key} is empty"));
    }

    [Theory]
    [InlineData("zh-Hans", "zh-Hans", "打开我的页面")]
    [InlineData("en-US,en;q=0.9", "en", "Open my page")]
    [InlineData("fr-FR", "zh-Hans", "打开我的页面")] // unsupported: the staff's language
    public async Task StartPage_FollowsTheBrowsersLanguage(string acceptLanguage, string lang, string expected)
    {
        using var app = new TestApp();
        using var http = app.Client(language: acceptLanguage);

        var html = WebUtility.HtmlDecode(await http.GetStringAsync("/"));

        Assert.Contains($"<html lang=\"{lang}\"", html);
        Assert.Contains(expected, html);
    }

    [Fact]
    public async Task LanguageSwitch_SetsACookie_ThatWinsOverTheBrowser()
    {
        using var app = new TestApp();
        using var http = app.Client(language: "zh-Hans");

        var switched = await http.GetAsync("/language/en?returnUrl=%2F");
        var html = WebUtility.HtmlDecode(await http.GetStringAsync("/"));

        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/", switched.Headers.Location!.OriginalString);
        Assert.Contains("Open my page", html);
    }

    [Fact]
    public async Task LanguageSwitch_ToAnotherSite_GoesHomeInstead()
    {
        using var app = new TestApp();
        using var http = app.Client();

        var switched = await http.GetAsync("/language/zh-Hans?returnUrl=https%3A%2F%2Fevil.example%2F");

        Assert.Equal("/", switched.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task FieldErrors_InTheCallersLanguage()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        using var chinese = app.Client(app.Root.Cookies, language: "zh-Hans");
        using var english = app.Client(app.Root.Cookies, language: "en");
        var body = new Reception.Dashboard.Client.Contracts.CreatePost("", Reception.Dashboard.Client.Contracts.PostKind.Gate, null, 1);

        var zh = await (await chinese.PostAsJsonAsync($"/api/sites/{site.Id}/posts", body)).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        var en = await (await english.PostAsJsonAsync($"/api/sites/{site.Id}/posts", body)).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("请输入名称。", zh.GetProperty("errors").GetProperty("name")[0].GetString());
        Assert.Equal("Enter a name.", en.GetProperty("errors").GetProperty("name")[0].GetString());
    }

    private static Dictionary<string, string> Keys(string file) =>
        XDocument.Load(file).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    private static string FindRepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Reception.Dashboard.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("Run the tests from inside the repository.");
    }
}
