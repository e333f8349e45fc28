using System.Net;
using System.Net.Http.Json;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Tests.Features.Roster;

public sealed class RosterTests
{
    [Theory]
    // Asia/Shanghai is UTC+8. The night shift runs 23:00–07:00 local and belongs to the date it starts.
    [InlineData("2026-11-26T16:30:00Z", ShiftKind.Night, "2026-11-26")] // 00:30 on the 27th: the night shift that began at 23:00 on the 26th
    [InlineData("2026-11-26T22:59:00Z", ShiftKind.Night, "2026-11-26")] // 06:59 on the 27th: still the night shift that began on the 26th
    [InlineData("2026-11-26T23:00:00Z", ShiftKind.Morning, "2026-11-27")] // 07:00 on the 27th: the morning shift
    [InlineData("2026-11-26T14:59:00Z", ShiftKind.Middle, "2026-11-26")] // 22:59 on the 26th: the middle shift
    [InlineData("2026-11-26T15:00:00Z", ShiftKind.Night, "2026-11-26")] // 23:00 on the 26th: the night shift begins
    public async Task OnDuty_AcrossMidnightInTheSitesZone_FindsTheShiftThatIsRunning(string instant, ShiftKind kind, string shiftDate)
    {
        using var app = new TestApp();
        var (site, shifts, staff) = await ArrangeAsync(app);
        using var http = app.Http();
        var date = DateOnly.Parse(shiftDate);
        var shift = shifts[kind];
        (await http.PutAsJsonAsync($"/api/sites/{site.Id}/roster/{date:yyyy-MM-dd}/{shift.Id}",
            new SetRosterCell([new RosterAssignment(staff[0].Id, DutyKind.Foreman, null), new RosterAssignment(staff[1].Id, DutyKind.Post, null)])))
            .EnsureSuccessStatusCode();

        var onDuty = await (await http.GetAsync($"/api/sites/{site.Id}/on-duty?at={Uri.EscapeDataString(instant)}")).ReadAsync<OnDutyDto>();

        var running = Assert.Single(onDuty.Shifts);
        Assert.Equal(kind, running.Kind);
        Assert.Equal(date, running.Date);
        Assert.Equal([DutyKind.Foreman, DutyKind.Post], running.Entries.Select(e => e.Duty));
    }

    [Fact]
    public async Task SetCell_ReplacesTheCell_AndTheSameListAgainChangesNothing()
    {
        using var app = new TestApp();
        var (site, shifts, staff) = await ArrangeAsync(app);
        using var http = app.Http();
        var url = $"/api/sites/{site.Id}/roster/2026-11-26/{shifts[ShiftKind.Morning].Id}";

        await http.PutAsJsonAsync(url, new SetRosterCell([new RosterAssignment(staff[0].Id, DutyKind.Post, null)]));
        var replaced = await (await http.PutAsJsonAsync(url, new SetRosterCell([new RosterAssignment(staff[1].Id, DutyKind.Supervisor, null)])))
            .ReadAsync<List<RosterEntryDto>>();
        var before = await (await http.GetAsync($"/api/sites/{site.Id}/events")).ReadAsync<EventPage>();
        await http.PutAsJsonAsync(url, new SetRosterCell([new RosterAssignment(staff[1].Id, DutyKind.Supervisor, null)]));
        var after = await (await http.GetAsync($"/api/sites/{site.Id}/events")).ReadAsync<EventPage>();

        Assert.Equal(staff[1].Id, Assert.Single(replaced).StaffId);
        Assert.Equal(before.LastSeq, after.LastSeq);
    }

    [Fact]
    public async Task CopyWeek_FillsOnlyEmptyCellsFromTheWeekBefore()
    {
        using var app = new TestApp();
        var (site, shifts, staff) = await ArrangeAsync(app);
        using var http = app.Http();
        var morning = shifts[ShiftKind.Morning].Id;
        await http.PutAsJsonAsync($"/api/sites/{site.Id}/roster/2026-11-16/{morning}", new SetRosterCell([new RosterAssignment(staff[0].Id, DutyKind.Post, null)]));
        await http.PutAsJsonAsync($"/api/sites/{site.Id}/roster/2026-11-17/{morning}", new SetRosterCell([new RosterAssignment(staff[0].Id, DutyKind.Post, null)]));
        // The 24th is already planned and must stay as it is.
        await http.PutAsJsonAsync($"/api/sites/{site.Id}/roster/2026-11-24/{morning}", new SetRosterCell([new RosterAssignment(staff[1].Id, DutyKind.Post, null)]));

        var copied = await (await http.PostAsJsonAsync($"/api/sites/{site.Id}/roster/copy-week", new CopyRosterWeek(new DateOnly(2026, 11, 23)))).ReadAsync<RosterCopied>();
        var week = await (await http.GetAsync($"/api/sites/{site.Id}/roster?from=2026-11-23&days=7")).ReadAsync<List<RosterEntryDto>>();

        Assert.Equal(1, copied.Added);
        Assert.Equal([(new DateOnly(2026, 11, 23), staff[0].Id), (new DateOnly(2026, 11, 24), staff[1].Id)], week.Select(e => (e.Date, e.StaffId)));
    }

    [Fact]
    public async Task SetCell_UnknownStaffOrDuplicate_Returns422()
    {
        using var app = new TestApp();
        var (site, shifts, staff) = await ArrangeAsync(app);
        using var http = app.Http();
        var url = $"/api/sites/{site.Id}/roster/2026-11-26/{shifts[ShiftKind.Morning].Id}";

        var unknown = await (await http.PutAsJsonAsync(url, new SetRosterCell([new RosterAssignment(Guid.NewGuid(), DutyKind.Post, null)]))).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        var twice = await (await http.PutAsJsonAsync(url, new SetRosterCell([new RosterAssignment(staff[0].Id, DutyKind.Post, null), new RosterAssignment(staff[0].Id, DutyKind.Foreman, null)])))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.True(unknown.GetProperty("errors").TryGetProperty("assignments[0].staffId", out _));
        Assert.True(twice.GetProperty("errors").TryGetProperty("assignments", out _));
    }

    private static async Task<(SiteDto Site, Dictionary<ShiftKind, ShiftDto> Shifts, List<StaffDto> Staff)> ArrangeAsync(TestApp app)
    {
        var site = await app.CreateSiteAsync(timeZoneId: "Asia/Shanghai");
        using var http = app.Http();
        var shifts = new Dictionary<ShiftKind, ShiftDto>();
        foreach (var (kind, start, end) in new[] { (ShiftKind.Morning, 7, 15), (ShiftKind.Middle, 15, 23), (ShiftKind.Night, 23, 7) })
        {
            shifts[kind] = await (await http.PostAsJsonAsync($"/api/sites/{site.Id}/shifts", new CreateShift(kind, new TimeOnly(start, 0), new TimeOnly(end, 0))))
                .ReadAsync<ShiftDto>(HttpStatusCode.Created);
        }

        var staff = new List<StaffDto>();
        foreach (var name in new[] { "王伟", "李娜" })
        {
            staff.Add(await (await http.PostAsJsonAsync($"/api/sites/{site.Id}/staff", new CreateStaff(name, null, null, null, null, null)))
                .ReadAsync<StaffDto>(HttpStatusCode.Created));
        }

        return (site, shifts, staff);
    }
}
