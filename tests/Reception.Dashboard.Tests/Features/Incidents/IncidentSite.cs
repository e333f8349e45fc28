using System.Net;
using Microsoft.EntityFrameworkCore;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Tests.Features.Incidents;

/// <summary>
/// A site for incident tests: unit 3-1201 and its owner; the Engineering and Cleaning departments; the front desk,
/// the command center, a supervisor and a guard; an engineer and a cleaner, each a Department account linked to a staff
/// record in their department; and a Department account linked to no staff record.
/// </summary>
internal sealed record IncidentSite(
    TestApp App, SiteDto Site, UnitDto Unit, DepartmentDto Engineering, DepartmentDto Cleaning,
    TestUser Desk, TestUser Command, TestUser Supervisor, TestUser Guard, TestUser Engineer, TestUser Cleaner, TestUser Unlinked)
{
    public const string OwnerName = "欧阳业主";
    public const string OwnerPhone = "138 0000 1201";
    public const string UnitNumber = "3 1201";
    public const string Text = "电梯里有积水 Water on the lift floor";
    public const string Location = "电梯厅 Lift lobby";

    public static async Task<IncidentSite> CreateAsync(TestApp app, string timeZoneId = "Asia/Shanghai")
    {
        var site = await app.CreateSiteAsync(timeZoneId: timeZoneId);
        var url = $"/api/sites/{site.Id}";
        using var admin = app.Http();
        (await admin.PostCsvAsync($"{url}/units/import", $"building,room,name,phone,kind\n3,1201,{OwnerName},{OwnerPhone},owner\n")).EnsureSuccessStatusCode();
        var unit = Assert.Single(await (await admin.GetAsync($"{url}/units")).ReadAsync<List<UnitDto>>());
        var engineering = await (await admin.SendJsonAsync(HttpMethod.Post, $"{url}/departments", new CreateDepartment("Engineering")))
            .ReadAsync<DepartmentDto>(HttpStatusCode.Created);
        var cleaning = await (await admin.SendJsonAsync(HttpMethod.Post, $"{url}/departments", new CreateDepartment("Cleaning")))
            .ReadAsync<DepartmentDto>(HttpStatusCode.Created);

        async Task<TestUser> DepartmentUserAsync(string userName, DepartmentDto department, string staffNumber)
        {
            var user = await app.CreateUserAsync(userName, site.Id, roles: SiteRole.Department);
            var staff = await (await admin.SendJsonAsync(HttpMethod.Post, $"{url}/staff", new CreateStaff(userName, null, staffNumber, department.Id, null, null)))
                .ReadAsync<StaffDto>(HttpStatusCode.Created);
            (await admin.SendJsonAsync(HttpMethod.Put, $"{url}/staff/{staff.Id}/user", new LinkStaffRequest(user.Id))).EnsureSuccessStatusCode();
            return user;
        }

        return new IncidentSite(app, site, unit, engineering, cleaning,
            await app.CreateUserAsync("desk", site.Id, roles: SiteRole.FrontDesk),
            await app.CreateUserAsync("command", site.Id, roles: SiteRole.CommandCenter),
            await app.CreateUserAsync("supervisor", site.Id, roles: SiteRole.Supervisor),
            await app.CreateUserAsync("guard", site.Id, roles: SiteRole.Guard),
            await DepartmentUserAsync("engineer", engineering, "E-1"),
            await DepartmentUserAsync("cleaner", cleaning, "C-1"),
            await app.CreateUserAsync("unlinked", site.Id, roles: SiteRole.Department));
    }

    public string Url(string path = "") => $"/api/sites/{Site.Id}/incidents{path}";

    /// <summary>A complaint about unit 3-1201, its owner, on the lift's floor: everything the desk can give.</summary>
    public RaiseIncident Complaint() => new(IncidentKind.Complaint, null, Text, Unit.Id, OwnerName, OwnerPhone, Location);

    public async Task<HttpResponseMessage> SendAsync(TestUser user, string path, object body)
    {
        using var http = user.Http();
        return await http.SendJsonAsync(HttpMethod.Post, Url(path), body);
    }

    public async Task<IncidentDto> RaiseAsync(RaiseIncident? request = null, TestUser? by = null) =>
        await (await SendAsync(by ?? Desk, "", request ?? Complaint())).ReadAsync<IncidentDto>(HttpStatusCode.Created);

    /// <summary>A move that must succeed: <paramref name="move"/> is "forward", "take", "resolve", "close" or "reopen".</summary>
    public async Task<IncidentDto> MoveAsync(TestUser user, IncidentDto incident, string move, object body) =>
        await (await SendAsync(user, $"/{incident.Id}/{move}", body)).ReadAsync<IncidentDto>();

    public Task<IncidentDto> ForwardAsync(IncidentDto incident, DepartmentDto department) =>
        MoveAsync(Desk, incident, "forward", new ForwardIncident(department.Id, incident.Version));

    /// <summary>Raised at the desk, forwarded to Engineering and taken there.</summary>
    public async Task<IncidentDto> TakenByEngineeringAsync()
    {
        var forwarded = await ForwardAsync(await RaiseAsync(), Engineering);
        return await MoveAsync(Engineer, forwarded, "take", new TakeIncident(forwarded.Version));
    }

    public async Task<HttpResponseMessage> GetAsync(TestUser user, string path = "")
    {
        using var http = user.Http();
        return await http.GetAsync(Url(path));
    }

    public async Task<IncidentDto> ReadAsync(Guid incidentId)
    {
        using var http = Desk.Http();
        return await (await http.GetAsync(Url($"/{incidentId}"))).ReadAsync<IncidentDto>();
    }

    public Task<int> IncidentCountAsync() => App.QueryDbAsync(db => db.Incidents.CountAsync());

    public Task<int> IncidentEventCountAsync() => App.QueryDbAsync(db => db.Events.CountAsync(e => e.Type.StartsWith("incident.")));
}
