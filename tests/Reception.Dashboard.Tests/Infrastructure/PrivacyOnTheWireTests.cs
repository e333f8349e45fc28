using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Data;
using Reception.Dashboard.Tests.Features.Devices;
using Reception.Dashboard.Tests.Features.Incidents;
using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Tests.Infrastructure;

/// <summary>
/// desk §2.8: owners' and visitors' names and numbers stay at the desk. A guard's phone and a
/// wall screen read every page, API answer and hub message they can, while the desk changes
/// residents' and staff's details, and none of it may carry a name or number.
/// </summary>
public sealed class PrivacyOnTheWireTests
{
    private const string NewOwner = "欧阳秘密";
    private const string NewOwnerPhone = "186 5555 0123";
    private const string NewStaffPhone = "177 4444 0987";
    private const string IncidentPerson = "司马秘密";
    private const string IncidentPhone = "186 7777 0456";
    private const string IncidentText = "司马先生投诉邻居深夜喧哗 Neighbours loud at night";

    [Fact]
    public async Task GuardAndWallScreen_ReceiveNoResidentNameOrPhoneNumber_OnTheHubTheApiOrTheirPages()
    {
        using var app = new TestApp(seedDemoData: true);
        var siteId = await app.DemoSiteIdAsync();
        var guard = await app.SignInAsync("guard", DemoData.DemoPassword);
        var wall = await DeviceSite.PairWallAsync(app, siteId, await app.SignInAsync("manager", DemoData.DemoPassword));

        var received = new List<string>();
        await using var guardHub = await ListenAsync(app.HubConnection(guard.Cookies), siteId, received);
        await using var wallHub = await ListenAsync(app.HubConnection(wall), siteId, received);

        // The desk changes personal details while both listen: a new owner, a staff member's new number.
        using (var admin = app.Http())
        {
            var csv = $"building,room,name,phone,kind\nC座,808,{NewOwner},{NewOwnerPhone},owner\n";
            (await admin.PostCsvAsync($"/api/sites/{siteId}/units/import", csv)).EnsureSuccessStatusCode();
            var staff = (await (await admin.GetAsync($"/api/sites/{siteId}/staff")).ReadAsync<List<StaffDto>>())[0];
            var update = new UpdateStaff(staff.Name, NewStaffPhone, staff.StaffNumber, staff.DepartmentId, staff.PostId, staff.ShiftId, staff.Active, staff.Version);
            (await admin.PutAsJsonAsync($"/api/sites/{siteId}/staff/{staff.Id}", update)).EnsureSuccessStatusCode();
        }

        // …and takes a complaint from a person, with their number (desk §0.1).
        using (var desk = (await app.SignInAsync("desk", DemoData.DemoPassword)).Http())
        {
            var complaint = new RaiseIncident(IncidentKind.Complaint, IncidentPriority.Urgent, IncidentText, null, IncidentPerson, IncidentPhone, "大堂 Lobby");
            (await desk.SendJsonAsync(HttpMethod.Post, $"/api/sites/{siteId}/incidents", complaint)).EnsureSuccessStatusCode();
        }

        await WaitUntilAsync(() => CountEvents(received) >= 3 * 2); // the three changes, on both connections
        received.Add(JsonSerializer.Serialize(await guardHub.InvokeAsync<EventPage>("GetEventsAfter", siteId, 0L, 1000)));
        received.Add(JsonSerializer.Serialize(await wallHub.InvokeAsync<EventPage>("GetEventsAfter", siteId, 0L, 1000)));

        foreach (var cookies in new[] { guard.Cookies, wall })
        {
            using var http = app.Client(cookies);
            foreach (var url in ReadableUrls(app, siteId).Concat(new[] { "board", "desk", "guard", "wall" }.Select(p => $"/sites/{siteId}/{p}")))
            {
                var response = await http.GetAsync(url);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    received.Add(url + " " + await response.Content.ReadAsStringAsync());
                }
            }
        }

        var secrets = await PersonalDataAsync(app);
        Assert.Contains(NewOwner, secrets);
        Assert.Contains(IncidentPhone, secrets);
        Assert.Contains(IncidentText, secrets);
        // The check reached real answers: the board's snapshot, and each one's own page.
        Assert.Contains(received, r => r.Contains("/snapshot"));
        Assert.Contains(received, r => r.StartsWith($"/sites/{siteId}/guard ") && r.Contains("guard-post"));
        Assert.Contains(received, r => r.StartsWith($"/sites/{siteId}/wall ") && r.Contains("wall-site"));
        var leaks = received.SelectMany(r => secrets.Where(s => Contains(r, s)).Select(s => $"{s} in {r[..Math.Min(r.Length, 120)]}")).ToList();
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
    }

    [Fact]
    public async Task AnotherDepartment_ReadsNoIncidentNorPerson_NotForwardedToIt()
    {
        using var app = new TestApp(seedDemoData: true);
        var siteId = await app.DemoSiteIdAsync();
        var cleaner = await app.CreateUserAsync("cleaner", siteId, roles: SiteRole.Department);
        using (var admin = app.Http())
        {
            var cleaning = (await (await admin.GetAsync($"/api/sites/{siteId}/departments")).ReadAsync<List<DepartmentDto>>()).Single(d => d.Name.Contains("Cleaning"));
            var staff = await (await admin.SendJsonAsync(HttpMethod.Post, $"/api/sites/{siteId}/staff", new CreateStaff("保洁员", null, "C-900", cleaning.Id, null, null)))
                .ReadAsync<StaffDto>(HttpStatusCode.Created);
            (await admin.SendJsonAsync(HttpMethod.Put, $"/api/sites/{siteId}/staff/{staff.Id}/user", new LinkStaffRequest(cleaner.Id))).EnsureSuccessStatusCode();
        }

        var received = new List<string>();
        using var http = cleaner.Http();
        foreach (var url in ReadableUrls(app, siteId))
        {
            var response = await http.GetAsync(url);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                received.Add(url + " " + await response.Content.ReadAsStringAsync());
            }
        }

        // The demo's incidents went to engineering or stayed at the desk: none is the cleaners' to read.
        var incidentIds = await app.QueryDbAsync(db => db.Incidents.Select(i => i.Id).ToListAsync());
        Assert.NotEmpty(incidentIds);
        foreach (var id in incidentIds)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync($"/api/sites/{siteId}/incidents/{id}")).StatusCode);
        }

        var secrets = await PersonalDataAsync(app);
        Assert.Contains(received, r => r.StartsWith($"/api/sites/{siteId}/incidents "));
        var leaks = received.SelectMany(r => secrets.Where(s => Contains(r, s)).Select(s => $"{s} in {r[..Math.Min(r.Length, 120)]}")).ToList();
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
    }

    [Fact]
    public async Task Escalation_ItsEventsAndTheDutyChatsLine_CarryNoNamePhoneOrText() // desk §2.8
    {
        using var chat = new WebhookReceiver();
        using var app = new TestApp(settings: new Dictionary<string, string> { ["Outbound:ChatWebhookUrl"] = chat.Url });
        var s = await IncidentSite.CreateAsync(app);
        var wall = await DeviceSite.PairWallAsync(app, s.Site.Id, app.Root);
        var received = new List<string>();
        await using var guardHub = await ListenAsync(app.HubConnection(s.Guard.Cookies), s.Site.Id, received);
        await using var wallHub = await ListenAsync(app.HubConnection(wall), s.Site.Id, received);

        // The desk takes a complaint with the person and their number, sends it up; the supervisor acknowledges it.
        var raised = await s.RaiseAsync();
        (await s.SendAsync(s.Desk, $"/{raised.Id}/escalate", new EscalateIncident(raised.Version))).EnsureSuccessStatusCode();
        var escalation = Assert.Single(await (await s.GetAsync(s.Supervisor, $"/{raised.Id}/escalations")).ReadAsync<List<IncidentEscalationDto>>());
        (await s.SendAsync(s.Supervisor, $"/{raised.Id}/escalations/{escalation.Id}/acknowledge", new { })).EnsureSuccessStatusCode();

        await WaitUntilAsync(() => CountEvents(received) >= 3 * 2); // raised, escalated, acknowledged, on both connections
        await WaitUntilAsync(() => !chat.Requests.IsEmpty);
        var lines = chat.Requests.Select(r => r.Body).ToList();
        var stored = await app.QueryDbAsync(db => db.Events
            .Where(e => e.Type == EventTypes.IncidentEscalated || e.Type == EventTypes.EscalationAcknowledged).Select(e => e.Data).ToListAsync());

        var line = Assert.Single(lines);
        Assert.Contains("incident-escalated", line);
        Assert.True(Contains(line, "投诉") && Contains(line, "Complaint") && Contains(line, IncidentSite.UnitNumber), line);
        Assert.Equal(2, stored.Count);
        var secrets = new[] { IncidentSite.OwnerName, IncidentSite.OwnerPhone, "电梯里有积水", "Water on the lift floor", "电梯厅", "Lift lobby" };
        List<string> heard;
        lock (received)
        {
            heard = received.ToList(); // the chat's delivery may still be heard meanwhile
        }

        var leaks = heard.Concat(lines).Concat(stored)
            .SelectMany(r => secrets.Where(secret => Contains(r, secret)).Select(secret => $"{secret} in {r[..Math.Min(r.Length, 120)]}")).ToList();
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
    }

    private static async Task<HubConnection> ListenAsync(HubConnection hub, Guid siteId, List<string> received)
    {
        hub.On<JsonElement>("ReceiveEvent", e =>
        {
            lock (received)
            {
                received.Add("event " + e.GetRawText());
            }
        });
        await hub.StartAsync();
        await hub.InvokeAsync<StreamPosition>("JoinSite", siteId);
        return hub;
    }

    private static int CountEvents(List<string> received)
    {
        lock (received)
        {
            return received.Count(r => r.StartsWith("event "));
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The hub did not deliver the changes");
            await Task.Delay(50);
        }
    }

    // Every GET under /api that needs no id but the site's.
    private static IEnumerable<string> ReadableUrls(TestApp app, Guid siteId) =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is null
                && e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains("GET") == true)
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").Trim('/'))
            .Where(p => p.StartsWith("/api/") && !p.Replace("{siteId:guid}", "").Contains('{'))
            .Select(p => p.Replace("{siteId:guid}", siteId.ToString()) + (p.EndsWith("/events") ? "?after=0&limit=1000" : ""))
            .Distinct();

    private static async Task<List<string>> PersonalDataAsync(TestApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReceptionDbContext>();
        var occupants = await db.Units.SelectMany(u => u.Occupants).Select(o => new { o.Name, o.Phone }).ToListAsync();
        var staffPhones = await db.Staff.Where(s => s.Phone != null).Select(s => s.Phone!).ToListAsync();
        // An incident's person, and what was said and done about it, are for the desk and the department it went to.
        var incidents = await db.Incidents.Select(i => new { i.PersonName, i.PersonPhone, i.Text, i.Resolution }).ToListAsync();
        return occupants.SelectMany(o => new[] { o.Name, o.Phone }).Concat(staffPhones)
            .Concat(incidents.SelectMany(i => new[] { i.PersonName, i.PersonPhone, i.Text, i.Resolution }))
            .OfType<string>().Distinct().ToList();
    }

    // JSON may escape non-ASCII, and pages may encode it as entities: compare the decoded forms too.
    private static bool Contains(string received, string secret) =>
        received.Contains(secret)
        || Regex.Replace(received, @"\\u([0-9A-Fa-f]{4})", m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString()).Contains(secret)
        || WebUtility.HtmlDecode(received).Contains(secret);
}
