using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Tests.Features.Units;

public sealed class UnitsImportTests
{
    private const string Good = """
        building,room,name,phone,kind
        A座,101,王小明,138 0000 0001,owner
        A座,101,李四,,tenant
        B座,1203,陈静,+86 139 0000 0002,业主
        """;

    private const string Bad = """
        building,room,name,phone,kind
        ,101,王小明,138 0000 0001,owner
        A座,102,,abc,landlord
        """;

    // Cells a spreadsheet would run as formulas (OWASP CSV injection), and a phone number that starts like one.
    private const string Formulas = """
        building,room,name,phone,kind
        A座,101,"=HYPERLINK(""http://evil.example"",""click"")",,owner
        A座,102,@SUM(1+1),,owner
        A座,103,+cmd|' /C calc'!A0,,tenant
        A座,105,=SUM(1),,owner
        -1+1,104,赵敏,+86 139 0000 0000,owner
        """;

    private const string Mixed = """
        building,room,name,phone,kind
        A座,101,王小明,138 0000 0001,owner
        A座,102,,138 0000 0003,owner
        A座,103,赵敏,138 0000 0004,租户
        """;

    [Fact]
    public async Task Import_GoodFile_AddsEveryone_AndARepeatUpdatesInsteadOfDuplicating()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        using var http = app.Http();

        var first = await (await http.PostCsvAsync($"/api/sites/{site.Id}/units/import", Good)).ReadAsync<ImportResult>();
        var again = await (await http.PostCsvAsync($"/api/sites/{site.Id}/units/import", Good.Replace("138 0000 0001", "138 0000 9999"))).ReadAsync<ImportResult>();
        var units = await (await http.GetAsync($"/api/sites/{site.Id}/units")).ReadAsync<List<UnitDto>>();

        Assert.Equal(new ImportResult(3, 0, 0), first);
        Assert.Equal(new ImportResult(0, 1, 0), again);
        Assert.Equal(["A座 101", "B座 1203"], units.Select(u => $"{u.Building} {u.Room}"));
        Assert.Equal([OccupantKind.Owner, OccupantKind.Tenant], units[0].Occupants.Select(o => o.Kind));
        Assert.Equal("138 0000 9999", units[0].Occupants[0].Phone);
    }

    [Fact]
    public async Task Preview_BadFile_ReportsEveryRowsProblems_AndImportRefusesItWhole()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        using var http = app.Http();

        var preview = await (await http.PostCsvAsync($"/api/sites/{site.Id}/units/import/preview", Bad)).ReadAsync<ImportPreview>();
        var refused = await (await http.PostCsvAsync($"/api/sites/{site.Id}/units/import", Bad)).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal([2, 3], preview.Rows.Select(r => r.Line));
        Assert.Contains(preview.Rows[0].Errors, e => e.StartsWith("building"));
        Assert.Equal(3, preview.Rows[1].Errors.Count); // name, phone, kind
        Assert.True(refused.GetProperty("errors").TryGetProperty("line 3", out _));
        Assert.Equal(0, await app.QueryDbAsync(db => db.Units.CountAsync()));
    }

    [Fact]
    public async Task Import_MixedFile_WritesNothing_UnlessTheUserChoosesTheValidRows()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        using var http = app.Http();

        await (await http.PostCsvAsync($"/api/sites/{site.Id}/units/import", Mixed)).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(0, await app.QueryDbAsync(db => db.Units.CountAsync()));

        var result = await (await http.PostCsvAsync($"/api/sites/{site.Id}/units/import?validRowsOnly=true", Mixed)).ReadAsync<ImportResult>();

        Assert.Equal(new ImportResult(2, 0, 1), result);
        Assert.Equal(2, await app.QueryDbAsync(db => db.Units.CountAsync()));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("building,name,kind\nA座,王小明,owner\n", "Missing column(s): room")]
    [InlineData("building,room,name,phone,kind\n", "no rows")]
    public async Task Import_FileWithoutUsableShape_Returns422ForTheFile(string csv, string expected)
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        using var http = app.Http();

        var problem = await (await http.PostCsvAsync($"/api/sites/{site.Id}/units/import", csv)).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains(expected, problem.GetProperty("errors").GetProperty("file")[0].GetString());
    }

    [Fact]
    public async Task Export_RoundTrips_WithABomForSpreadsheets_AndTheEventCarriesNoNames()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        using var http = app.Http();
        (await http.PostCsvAsync($"/api/sites/{site.Id}/units/import", Good)).EnsureSuccessStatusCode();

        var bytes = await http.GetByteArrayAsync($"/api/sites/{site.Id}/units/export");
        var events = await http.GetStringAsync($"/api/sites/{site.Id}/events");

        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var exported = Encoding.UTF8.GetString(bytes[3..]);
        Assert.Contains("B座,1203,陈静,'+86 139 0000 0002,owner", exported);
        // The file as a spreadsheet saves it: BOM included.
        var reimported = await (await http.PostAsync($"/api/sites/{site.Id}/units/import/preview", new ByteArrayContent(bytes))).ReadAsync<ImportPreview>();
        Assert.Equal(3, reimported.ValidRows);
        Assert.Contains("units.imported", events);
        Assert.DoesNotContain("王小明", events);
        Assert.DoesNotContain("138 0000 0001", events);
    }

    [Fact]
    public async Task Export_FormulaCells_AreNeutralised()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        using var http = app.Http();
        (await http.PostCsvAsync($"/api/sites/{site.Id}/units/import", Formulas)).EnsureSuccessStatusCode();

        var exported = Encoding.UTF8.GetString((await http.GetByteArrayAsync($"/api/sites/{site.Id}/units/export"))[3..]);

        Assert.Contains("A座,101,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",,owner", exported);
        Assert.Contains("A座,102,'@SUM(1+1),,owner", exported);
        Assert.Contains("A座,103,'+cmd|' /C calc'!A0,,tenant", exported);
        Assert.Contains("'-1+1,104,赵敏,'+86 139 0000 0000,owner", exported);
    }

    [Fact]
    public async Task ExportThenImport_FormulaCellsAndPlusPhoneNumber_RoundTrip()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        var other = await app.CreateSiteAsync("Other Plaza");
        using var http = app.Http();
        (await http.PostCsvAsync($"/api/sites/{site.Id}/units/import", Formulas)).EnsureSuccessStatusCode();

        var bytes = await http.GetByteArrayAsync($"/api/sites/{site.Id}/units/export");
        var imported = await (await http.PostAsync($"/api/sites/{other.Id}/units/import", new ByteArrayContent(bytes))).ReadAsync<ImportResult>();

        var original = await OccupantsAsync(http, site.Id);
        var roundTripped = await OccupantsAsync(http, other.Id);
        Assert.Equal(new ImportResult(5, 0, 0), imported);
        Assert.Equal(original, roundTripped);
        Assert.Contains(("-1+1", "104", "赵敏", (string?)"+86 139 0000 0000"), roundTripped);
        Assert.Contains(("A座", "105", "=SUM(1)", (string?)null), roundTripped);
    }

    [Fact]
    public async Task Import_CellWithNul_IsARowError_AndNothingIsWritten()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        using var http = app.Http();
        const string csv = "building,room,name,phone,kind\nA座,101,王\u0000小明,,owner\nA座,102,李四,,tenant\n";

        var preview = await (await http.PostCsvAsync($"/api/sites/{site.Id}/units/import/preview", csv)).ReadAsync<ImportPreview>();
        var refused = await (await http.PostCsvAsync($"/api/sites/{site.Id}/units/import", csv)).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("name: no control characters", Assert.Single(preview.Rows[0].Errors));
        Assert.Empty(preview.Rows[1].Errors);
        Assert.True(refused.GetProperty("errors").TryGetProperty("line 2", out _));
        Assert.Equal(0, await app.QueryDbAsync(db => db.Units.CountAsync()));
    }

    [Fact]
    public async Task Units_ForAGuard_AreRefused()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        var guard = await app.CreateUserAsync("guard-1", site.Id, roles: SiteRole.Guard);
        using var http = guard.Http();

        await (await http.GetAsync($"/api/sites/{site.Id}/units")).ReadProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Preview_UnclosedQuote_BecomesARowError_NotLostRows()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        using var http = app.Http();
        const string csv = "building,room,name,phone,kind\nA座,101,\"王小明,138,owner\nA座,102,李四,,tenant\n";

        var preview = await (await http.PostCsvAsync($"/api/sites/{site.Id}/units/import/preview", csv)).ReadAsync<ImportPreview>();

        Assert.NotEmpty(preview.Rows);
        Assert.True(preview.InvalidRows >= 1);
    }

    [Fact]
    public async Task Import_FileNotInUtf8_IsRefusedWithAClearMessage()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        using var http = app.Http();
        // "A座" in GBK, as Excel in China saves a plain CSV: 0xD7 0xF9 is not valid UTF-8.
        byte[] gbk = [.. Encoding.ASCII.GetBytes("building,room,name,phone,kind\nA"), 0xD7, 0xF9, .. Encoding.ASCII.GetBytes(",101,Wang,,owner\n")];

        var problem = await (await http.PostAsync($"/api/sites/{site.Id}/units/import", new ByteArrayContent(gbk))).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("UTF-8", problem.GetProperty("errors").GetProperty("file")[0].GetString());
        Assert.Equal(0, await app.QueryDbAsync(db => db.Units.CountAsync()));
    }

    private static async Task<List<(string Building, string Room, string Name, string? Phone)>> OccupantsAsync(HttpClient http, Guid siteId)
    {
        var units = await (await http.GetAsync($"/api/sites/{siteId}/units")).ReadAsync<List<UnitDto>>();
        return [.. units.SelectMany(u => u.Occupants.Select(o => (u.Building, u.Room, o.Name, o.Phone))).Order()];
    }
}
