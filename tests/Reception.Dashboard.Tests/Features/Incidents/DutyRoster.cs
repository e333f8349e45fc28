using System.Net;
using Microsoft.Extensions.Time.Testing;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Features.Roster;
using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Tests.Features.Incidents;

/// <summary>
/// A duty roster on an <see cref="IncidentSite"/> (Shanghai): the three shifts (07–15, 15–23, 23–07), a front-desk post
/// and a duty room, and staff records there, linked to accounts or not, rostered as each test says.
/// </summary>
internal sealed record DutyRoster(IncidentSite Site, IReadOnlyDictionary<ShiftKind, ShiftDto> Shifts, PostDto FrontDesk, PostDto DutyRoom)
{
    public static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>A clock at <paramref name="local"/> tomorrow in Shanghai: ahead of real time, since cookies read the same clock.</summary>
    public static FakeTimeProvider ClockAtTomorrow(TimeOnly local)
    {
        var tomorrow = LocalDate(TimeProvider.System).AddDays(1);
        var utc = TimeZoneInfo.ConvertTimeToUtc(tomorrow.ToDateTime(local), Shanghai);
        return new FakeTimeProvider(new DateTimeOffset(utc, TimeSpan.Zero));
    }

    /// <summary>The day it is in Shanghai by <paramref name="clock"/>.</summary>
    public static DateOnly LocalDate(TimeProvider clock) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, Shanghai));

    public static async Task<DutyRoster> CreateAsync(IncidentSite s)
    {
        using var admin = s.App.Http();
        var url = $"/api/sites/{s.Site.Id}";
        var shifts = new Dictionary<ShiftKind, ShiftDto>();
        foreach (var (kind, start, end) in new[] { (ShiftKind.Morning, 7, 15), (ShiftKind.Middle, 15, 23), (ShiftKind.Night, 23, 7) })
        {
            shifts[kind] = await (await admin.SendJsonAsync(HttpMethod.Post, $"{url}/shifts", new CreateShift(kind, new TimeOnly(start, 0), new TimeOnly(end, 0))))
                .ReadAsync<ShiftDto>(HttpStatusCode.Created);
        }

        var frontDesk = await (await admin.SendJsonAsync(HttpMethod.Post, $"{url}/posts", new CreatePost("总台 Front desk", PostKind.FrontDesk, null, 1)))
            .ReadAsync<PostDto>(HttpStatusCode.Created);
        var dutyRoom = await (await admin.SendJsonAsync(HttpMethod.Post, $"{url}/posts", new CreatePost("值班室 Duty room", PostKind.DutyRoom, null, 2)))
            .ReadAsync<PostDto>(HttpStatusCode.Created);
        return new DutyRoster(s, shifts, frontDesk, dutyRoom);
    }

    /// <summary>A staff record whose usual post is <paramref name="post"/>, linked to <paramref name="account"/> when one is given.</summary>
    public async Task<StaffDto> StaffAsync(string name, PostDto post, TestUser? account = null)
    {
        using var admin = Site.App.Http();
        var url = $"/api/sites/{Site.Site.Id}/staff";
        var staff = await (await admin.SendJsonAsync(HttpMethod.Post, url, new CreateStaff(name, null, null, null, post.Id, null)))
            .ReadAsync<StaffDto>(HttpStatusCode.Created);
        if (account is not null)
        {
            (await admin.SendJsonAsync(HttpMethod.Put, $"{url}/{staff.Id}/user", new LinkStaffRequest(account.Id))).EnsureSuccessStatusCode();
        }

        return staff;
    }

    /// <summary>Rosters the shift that starts on <paramref name="date"/> (the site's day).</summary>
    public async Task RosterAsync(DateOnly date, ShiftKind shift, params RosterAssignment[] assignments)
    {
        using var admin = Site.App.Http();
        (await admin.SendJsonAsync(HttpMethod.Put, $"/api/sites/{Site.Site.Id}/roster/{date:yyyy-MM-dd}/{Shifts[shift].Id}", new SetRosterCell(assignments)))
            .EnsureSuccessStatusCode();
    }

    public Task<DutyAddressees> ResolveAsync(Duty duty, DateTime atUtc) =>
        Site.App.QueryDbAsync(db => DutyResolver.ResolveAsync(db, Site.Site.Id, duty, atUtc, CancellationToken.None));
}
