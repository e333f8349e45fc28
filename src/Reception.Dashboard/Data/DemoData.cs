using Microsoft.AspNetCore.Identity;
using Reception.Dashboard.Features.Departments;
using Reception.Dashboard.Features.Posts;
using Reception.Dashboard.Features.Roster;
using Reception.Dashboard.Features.Shifts;
using Reception.Dashboard.Features.Staff;
using Reception.Dashboard.Features.Units;

namespace Reception.Dashboard.Data;

/// <summary>A believable property so that every screen has content on first run. Switched off by Database:SeedDemoData=false.</summary>
public static class DemoData
{
    public const string SiteName = "滨江广场 Riverside Plaza";

    /// <summary>Every demo user's password. Demo only: switch demo data off for a real property.</summary>
    public const string DemoPassword = "demo1234";

    /// <summary>The demo guard's PIN for signing in on an enrolled phone.</summary>
    public const string DemoPin = "2468";

    /// <summary>One demo user per role at the demo site; "admin" is also the system administrator.</summary>
    public static readonly (string UserName, string DisplayName, SiteRole Role)[] Users =
    [
        ("admin", "演示管理员 Demo admin", SiteRole.Admin),
        ("command", "指挥中心 Command center", SiteRole.CommandCenter),
        ("foreman", "当值领班 Duty foreman", SiteRole.Foreman),
        ("guard", "执勤保安 Guard", SiteRole.Guard),
        ("desk", "前台 Front desk", SiteRole.FrontDesk),
        ("supervisor", "客服主管 Supervisor", SiteRole.Supervisor),
        ("manager", "经理 Manager", SiteRole.Manager),
        ("engineering", "工程部 Engineering", SiteRole.Department),
    ];

    private static readonly (string Name, PostKind Kind, string Location)[] Posts =
    [
        ("东大门岗 East gate", PostKind.Gate, "East entrance, Binjiang Road"),
        ("贵宾通道岗 VIP drive", PostKind.Gate, "Drive from the east gate to Tower A"),
        ("喷泉广场岗 Fountain square", PostKind.Gate, "Central square"),
        ("A座大堂 Tower A lobby", PostKind.Lobby, "Tower A, ground floor"),
        ("总台 Front desk", PostKind.FrontDesk, "Tower A lobby"),
        ("B座大堂 Tower B lobby", PostKind.Lobby, "Tower B, ground floor"),
        ("西大门岗 West gate", PostKind.Gate, "West entrance"),
        ("地库入口 Car park entrance", PostKind.Gate, "Ramp B1"),
        ("巡逻一队 Patrol team 1", PostKind.PatrolTeam, "North grounds"),
        ("巡逻二队 Patrol team 2", PostKind.PatrolTeam, "South grounds"),
        ("监控中心 Command center", PostKind.DutyRoom, "Tower A, B1"),
        ("工程值班室 Engineering duty room", PostKind.Engineering, "Tower B, B1"),
    ];

    /// <summary>The department the demo's <c>engineering</c> account works in, and its incidents go to.</summary>
    public const string EngineeringDepartment = "工程部 Engineering";

    /// <summary>The department the demo's lobby situation is forwarded to.</summary>
    public const string SecurityDepartment = "保安部 Security";

    private static readonly string[] Departments = [SecurityDepartment, "客服部 Customer service", EngineeringDepartment, "保洁部 Cleaning", "管理处 Management office"];

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙"];
    private static readonly string[] GivenNames = ["伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰"];

    /// <summary>
    /// Puts every demo staff member on their usual shift yesterday, today and tomorrow (site time), with the
    /// first guard of each shift as foreman and the duty room's person as the supervisor on duty (to whom the desk's
    /// escalations go, desk §2.7, §2.9). Runs at every start, filling only empty days, so the demo's "who is on duty
    /// now" always has an answer.
    /// </summary>
    public static async Task EnsureRosterAsync(ReceptionDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var site = await db.Sites.SingleOrDefaultAsync(s => s.Name == SiteName, ct);
        if (site is null)
        {
            return;
        }

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, site.TimeZone));
        var staff = await db.Staff.Where(s => s.SiteId == site.Id && s.Active && s.ShiftId != null).OrderBy(s => s.StaffNumber).ToListAsync(ct);
        var frontDeskPosts = await db.Posts.Where(p => p.SiteId == site.Id && p.Kind == PostKind.FrontDesk).Select(p => p.Id).ToListAsync(ct);
        var dutyRooms = await db.Posts.Where(p => p.SiteId == site.Id && p.Kind == PostKind.DutyRoom).Select(p => p.Id).ToListAsync(ct);
        // Yesterday too: before 07:00 the night shift on duty is the one that began yesterday.
        foreach (var date in new[] { today.AddDays(-1), today, today.AddDays(1) })
        {
            if (await db.Roster.AnyAsync(r => r.SiteId == site.Id && r.Date == date, ct))
            {
                continue;
            }

            foreach (var shift in staff.GroupBy(s => s.ShiftId!.Value))
            {
                var foreman = shift.FirstOrDefault(s => s.PostId is { } post && !frontDeskPosts.Contains(post));
                var supervisor = shift.FirstOrDefault(s => s.PostId is { } post && dutyRooms.Contains(post));
                db.Roster.AddRange(shift.Select(s => new RosterEntry
                {
                    Id = Guid.CreateVersion7(), SiteId = site.Id, Date = date, ShiftId = shift.Key, StaffId = s.Id,
                    Duty = s == foreman ? DutyKind.Foreman : s == supervisor ? DutyKind.Supervisor : DutyKind.Post,
                }));
            }
        }

        await db.SaveChangesAsync(ct);
    }

    public static async Task SeedAsync(ReceptionDbContext db, UserManager<User> userManager, TimeProvider clock, CancellationToken ct)
    {
        var site = Site.Create(SiteName, "Asia/Shanghai");
        db.Sites.Add(site);
        db.SiteStreams.Add(SiteStream.Start(site.Id));

        var posts = Posts.Select((p, i) => Post.Create(site.Id, p.Name, p.Kind, p.Location, routeOrder: i + 1)).ToList();
        db.Posts.AddRange(posts);

        var departments = Departments.Select(name => Department.Create(site.Id, name)).ToList();
        db.Departments.AddRange(departments);

        var shifts = new[]
        {
            Shift.Create(site.Id, ShiftKind.Morning, new TimeOnly(7, 0), new TimeOnly(15, 0)),
            Shift.Create(site.Id, ShiftKind.Middle, new TimeOnly(15, 0), new TimeOnly(23, 0)),
            Shift.Create(site.Id, ShiftKind.Night, new TimeOnly(23, 0), new TimeOnly(7, 0)),
        };
        db.Shifts.AddRange(shifts);

        // Three people per post position, one on each shift; the numbers are fictional.
        var security = departments[0];
        var customerService = departments[1];
        var engineering = departments[2];
        var staffPosts = posts.Take(12).ToList();
        for (var i = 0; i < 36; i++)
        {
            var post = staffPosts[i % staffPosts.Count];
            var department = post.Kind switch
            {
                PostKind.FrontDesk => customerService,
                PostKind.Engineering => engineering,
                _ => security,
            };
            var name = Surnames[i % Surnames.Length] + GivenNames[(i * 5 + i / Surnames.Length) % GivenNames.Length];
            db.Staff.Add(StaffMember.Create(site.Id, new StaffDetails(
                name, $"139 0000 {i:D4}", $"S{i + 1:D3}", department.Id, post.Id, shifts[i / staffPosts.Count].Id, Active: true)));
        }

        // ~30 units in two towers; some rented out. Names and numbers are fictional.
        for (var i = 0; i < 30; i++)
        {
            var unit = new Unit { Id = Guid.CreateVersion7(), SiteId = site.Id, Building = i < 15 ? "A座" : "B座", Room = $"{i % 15 / 3 + 1}0{i % 3 + 1}" };
            unit.Occupants.Add(Occupant.Create(unit.Id,
                Surnames[(i + 3) % Surnames.Length] + GivenNames[(i * 7) % GivenNames.Length] + "明", $"138 0000 {i:D4}", OccupantKind.Owner));
            if (i % 4 == 0)
            {
                unit.Occupants.Add(Occupant.Create(unit.Id,
                    Surnames[(i + 5) % Surnames.Length] + GivenNames[(i * 3 + 1) % GivenNames.Length] + "华", $"137 0000 {i:D4}", OccupantKind.Tenant));
            }

            db.Units.Add(unit);
        }

        await db.SaveChangesAsync(ct);
        await EnsureRosterAsync(db, clock, ct);

        var local = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, site.TimeZone));
        var running = shifts.First(s => s.Covers(local));
        foreach (var (userName, displayName, role) in Users)
        {
            var user = new User { UserName = userName, DisplayName = displayName, SystemAdmin = role == SiteRole.Admin };
            if (role == SiteRole.Guard)
            {
                user.PinHash = userManager.PasswordHasher.HashPassword(user, DemoPin);
            }

            var created = await userManager.CreateAsync(user, DemoPassword);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException($"Could not seed demo user {userName}: {string.Join(" ", created.Errors.Select(e => e.Description))}");
            }

            db.UserSiteRoles.Add(new UserSiteRole { UserId = user.Id, SiteId = site.Id, Role = role });
            if (role == SiteRole.Guard)
            {
                // The demo guard is the east gate's guard on the shift running now, so /guard has a post to show.
                db.Staff.Local.First(s => s.ShiftId == running.Id && s.PostId == posts[0].Id).LinkUser(user.Id);
            }
            else if (role is SiteRole.FrontDesk or SiteRole.Supervisor)
            {
                // The front desk's person and the supervisor on duty (the duty room's) on the shift running now, so the
                // duty resolver finds them: the desk's escalations reach the supervisor account (desk §2.7, §2.9). The
                // manager stays unlinked: managers are not rostered, and the resolver reaches them by role.
                var post = posts.First(p => p.Kind == (role == SiteRole.FrontDesk ? PostKind.FrontDesk : PostKind.DutyRoom));
                db.Staff.Local.First(s => s.ShiftId == running.Id && s.PostId == post.Id).LinkUser(user.Id);
            }
            else if (role == SiteRole.Department)
            {
                // An engineer of the engineering duty room: the account's incident queue is Engineering's.
                db.Staff.Local.First(s => s.DepartmentId == engineering.Id).LinkUser(user.Id);
            }
        }

        await db.SaveChangesAsync(ct);
    }
}
