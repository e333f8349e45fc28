using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Tests.Features.Visits;

/// <summary>
/// §4.2.3: the record of a visit says what happened — the order's words and to whom, the violation's kind,
/// place and description, a move from when to when — on the page and in the CSV alike.
/// </summary>
public sealed class VisitArchiveTests
{
    private static readonly TimeZoneInfo SiteZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Fact]
    public async Task Archive_OrderSent_NamesTheOrderText()
    {
        using var app = new TestApp();
        var s = await VisitSite.CreateAsync(app);
        var visit = await s.AnnounceAsync(DateTime.UtcNow.AddHours(2));
        var id = visit.Visit.Id;
        (await VisitSite.PostAsync(s.Command, s.Url($"/{id}/orders"), new SendOrder("Keep the lane clear for the motorcade", [s.EastGate.Id, s.WestGate.Id])))
            .EnsureSuccessStatusCode();
        var orderId = (await s.GetAsync(id)).Orders.Single().Id;
        (await VisitSite.PostAsync(s.EastGuard, s.Url($"/{id}/orders/{orderId}/acknowledge"), new AcknowledgeOrder(s.EastGate.Id))).EnsureSuccessStatusCode();

        var (timeline, csv) = await ArchiveAsync(s, id);

        const string Line = "Order sent to East gate, West gate: Keep the lane clear for the motorcade";
        Assert.Equal(Line, timeline.Single(t => t.Type == EventTypes.OrderSent).What);
        Assert.Equal("East gate acknowledged the order: Keep the lane clear for the motorcade", timeline.Single(t => t.Type == EventTypes.OrderAcknowledged).What);
        Assert.Contains(Line, csv);
    }

    [Fact]
    public async Task Archive_Violation_NamesItsDescription()
    {
        using var app = new TestApp();
        var s = await VisitSite.CreateAsync(app);
        var visit = await s.AnnounceAsync(DateTime.UtcNow.AddHours(2));
        var id = visit.Visit.Id;
        (await VisitSite.PostAsync(s.EastGuard, s.Url($"/{id}/violations"),
            new ReportViolation(ViolationKind.IllegalParking, "Van on the fire lane", s.EastGate.Id, "Car park B"))).EnsureSuccessStatusCode();
        var violationId = (await s.GetAsync(id)).Violations.Single().Id;
        (await VisitSite.PostAsync(s.EastGuard, s.Url($"/{id}/violations/{violationId}/clear"))).EnsureSuccessStatusCode();

        var (timeline, csv) = await ArchiveAsync(s, id);

        Assert.Equal("Violation reported: Illegal parking at East gate · Car park B — Van on the fire lane", timeline.Single(t => t.Type == EventTypes.ViolationReported).What);
        Assert.Equal("Violation cleared: Illegal parking at East gate · Car park B — Van on the fire lane", timeline.Single(t => t.Type == EventTypes.ViolationCleared).What);
        Assert.Contains("Van on the fire lane", csv);
    }

    [Fact]
    public async Task Archive_Reschedule_NamesOldAndNewArrival()
    {
        using var app = new TestApp();
        var s = await VisitSite.CreateAsync(app);
        var tomorrow = SiteTomorrow();
        var visit = await s.AnnounceAsync(tomorrow.AddHours(10));
        var id = visit.Visit.Id;
        (await VisitSite.PostAsync(s.Command, s.Url($"/{id}/reschedule"), new RescheduleVisit(tomorrow.AddHours(11.5)))).EnsureSuccessStatusCode();
        (await VisitSite.PostAsync(s.Command, s.Url($"/{id}/reschedule"), new RescheduleVisit(tomorrow.AddDays(1).AddHours(9)))).EnsureSuccessStatusCode();

        var (timeline, csv) = await ArchiveAsync(s, id);

        // In the site's time: the new arrival alone when the day stays the same, with its date when it does not.
        var day = Day(tomorrow);
        var next = Day(tomorrow.AddDays(1));
        Assert.Equal(
            [$"Visit moved: Delegation, {day} 10:00 → 11:30", $"Visit moved: Delegation, {day} 11:30 → {next} 09:00"],
            timeline.Where(t => t.Type == EventTypes.VisitRescheduled).Select(t => t.What));
        Assert.Contains($"{day} 10:00 → 11:30", csv);
    }

    [Fact]
    public async Task Archive_MoveRecordedWithoutTheOldArrival_NamesTheNewOne()
    {
        using var app = new TestApp();
        var s = await VisitSite.CreateAsync(app);
        var tomorrow = SiteTomorrow();
        var visit = await s.AnnounceAsync(tomorrow.AddHours(10));
        (await VisitSite.PostAsync(s.Command, s.Url($"/{visit.Visit.Id}/reschedule"), new RescheduleVisit(tomorrow.AddHours(11.5)))).EnsureSuccessStatusCode();
        // A move written before the event kept the arrival it had.
        await app.QueryDbAsync(db => db.Database.ExecuteSqlRawAsync(
            """UPDATE "Events" SET "Data" = json_remove("Data", '$.previousArrival') WHERE "Type" = 'visit.rescheduled'"""));

        var (timeline, _) = await ArchiveAsync(s, visit.Visit.Id);

        Assert.Equal($"Visit moved: Delegation, now {Day(tomorrow)} 11:30", timeline.Single(t => t.Type == EventTypes.VisitRescheduled).What);
    }

    private static async Task<(List<VisitTimelineEntry> Timeline, string Csv)> ArchiveAsync(VisitSite s, Guid visitId)
    {
        using var http = s.Command.Http();
        var timeline = await (await http.GetAsync(s.Url($"/{visitId}/timeline"))).ReadAsync<List<VisitTimelineEntry>>();
        return (timeline, await http.GetStringAsync(s.Url($"/{visitId}/timeline/export")));
    }

    /// <summary>Tomorrow's midnight in the site's time, without a kind: the API reads such a time as the site's.</summary>
    private static DateTime SiteTomorrow() =>
        DateTime.SpecifyKind(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, SiteZone).Date.AddDays(1), DateTimeKind.Unspecified);

    private static string Day(DateTime local) => local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
