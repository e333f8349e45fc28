using System.Globalization;
using System.Net;
using CsvHelper;
using Microsoft.Extensions.Time.Testing;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Tests.Features.Incidents;

/// <summary>
/// The desk's paper log: the incidents raised on a range of the site's days, as CSV through the product's one CSV
/// writer. It names the people, so it reaches only the desk, supervisors, managers and admins (desk §2.8).
/// </summary>
public sealed class IncidentExportTests
{
    private static readonly string[] Header =
    [
        "Raised at", "Kind", "Priority", "State", "Unit", "Person", "Phone", "Location", "What happened", "Department", "Resolved at", "What was done", "Closed at",
    ];

    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Fact]
    public async Task Export_ARangeOfDays_GivesTheIncidentsRaisedOnThoseSiteDays_OldestFirst_WithTheHeaderAndThePeople()
    {
        // Half an hour before a midnight in Shanghai; cookies read the same clock, so it starts ahead of real time.
        var localNow = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, Shanghai);
        var beforeMidnight = TimeZoneInfo.ConvertTimeToUtc(localNow.Date.AddDays(1).AddMinutes(-30), Shanghai);
        var clock = new FakeTimeProvider(new DateTimeOffset(beforeMidnight, TimeSpan.Zero));
        using var app = new TestApp(clock: clock);
        var s = await IncidentSite.CreateAsync(app);
        var late = await s.ForwardAsync(await s.RaiseAsync(), s.Engineering);
        clock.Advance(TimeSpan.FromHours(1));
        var early = await s.RaiseAsync(new RaiseIncident(IncidentKind.Repair, IncidentPriority.Urgent, "Lobby door sticks", Location: "Main door"));
        var day = DateOnly.FromDateTime(localNow);

        var first = await ExportAsync(s, s.Desk, day, day);
        var second = await ExportAsync(s, s.Desk, day.AddDays(1), day.AddDays(1));
        var both = await ExportAsync(s, s.Supervisor, day, day.AddDays(1));

        Assert.Equal(Header, first[0]);
        // The desk's log names the person and their phone (desk §2.8: they stay with the desk and those above it).
        Assert.Equal(
            [Local(late.RaisedAt), "Complaint", "normal", "forwarded, not yet taken", IncidentSite.UnitNumber, IncidentSite.OwnerName, IncidentSite.OwnerPhone,
             IncidentSite.Location, IncidentSite.Text, "Engineering", "", "", ""],
            Assert.Single(first.Skip(1)));
        Assert.Equal(
            [Local(early.RaisedAt), "Repair request", "urgent", "open", "", "", "", "Main door", "Lobby door sticks", "", "", "", ""],
            Assert.Single(second.Skip(1)));
        Assert.Equal(Header, both[0]);
        Assert.Equal([IncidentSite.Text, "Lobby door sticks"], both.Skip(1).Select(row => row[8]));
        // A quarter of a year is the most one file covers, counting both ends.
        Assert.Equal([IncidentSite.Text], (await ExportAsync(s, s.Desk, day.AddDays(-91), day)).Skip(1).Select(row => row[8]));
    }

    [Fact]
    public async Task Export_InChinese_HasChineseWords_AndAFormulaIsWrittenAsText()
    {
        using var app = new TestApp();
        var s = await IncidentSite.CreateAsync(app);
        await s.RaiseAsync(new RaiseIncident(IncidentKind.Complaint, null, "=HYPERLINK(\"http://example.com\") 噪音"));
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, Shanghai));

        var rows = await ExportAsync(s, s.Desk, today.AddDays(-1), today.AddDays(1), "zh-Hans");

        Assert.Equal(["登记时间", "类别", "优先级", "状态"], rows[0].Take(4));
        Assert.Equal(["投诉", "普通", "待处理"], rows[1].Skip(1).Take(3));
        // Through the one CSV writer: a spreadsheet shows the text, it does not run it.
        Assert.Equal("'=HYPERLINK(\"http://example.com\") 噪音", rows[1][8]);
    }

    [Theory]
    [InlineData("?from=2026-11-27&to=2026-11-26", "to")]
    [InlineData("?from=2026-01-01&to=2026-04-03", "to")]
    [InlineData("?to=2026-01-01", "from")]
    [InlineData("?from=2026-01-01", "to")]
    [InlineData("?from=9999-12-31&to=9999-12-31", "to")] // the calendar's last day has no day after it
    [InlineData("?from=1999-12-31&to=2000-01-01", "from")]
    public async Task Export_LastDayBeforeTheFirst_MoreThan92Days_ADayMissing_OrOutsideTheYears2000To2999_Returns422NamingTheField(string query, string field)
    {
        using var app = new TestApp();
        var s = await IncidentSite.CreateAsync(app);

        var problem = await (await s.GetAsync(s.Desk, $"/export{query}")).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
    }

    [Fact]
    public async Task Export_NamesThePeople_SoAGuardTheCommandCenterAndADepartmentAreRefused()
    {
        using var app = new TestApp();
        var s = await IncidentSite.CreateAsync(app);
        await s.RaiseAsync();

        // desk §2.8: the command center reads incidents, but not the people in them.
        foreach (var user in new[] { s.Guard, s.Command, s.Engineer })
        {
            await (await s.GetAsync(user, "/export?from=2026-01-01&to=2026-01-31")).ReadProblemAsync(HttpStatusCode.Forbidden);
        }
    }

    private static string Local(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(utc, Shanghai).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<List<string[]>> ExportAsync(IncidentSite s, TestUser user, DateOnly from, DateOnly to, string language = "en")
    {
        using var http = s.App.Client(user.Cookies, language);
        using var response = await http.GetAsync(s.Url($"/export?from={Day(from)}&to={Day(to)}"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        using var parser = new CsvParser(new StringReader(body.TrimStart('\uFEFF')), CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (parser.Read())
        {
            rows.Add(parser.Record!);
        }

        return rows;
    }
}
