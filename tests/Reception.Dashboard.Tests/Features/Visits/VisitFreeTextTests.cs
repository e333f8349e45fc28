using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Reception.Dashboard.Client;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Tests.Features.Visits;

/// <summary>What a visit's free text accepts, and how its archive leaves for a spreadsheet.</summary>
public sealed class VisitFreeTextTests
{
    private static DateTime InHours(double hours) => DateTime.UtcNow.AddHours(hours);

    [Fact]
    public async Task Announce_NulBelOrEscInTitleHostOrNotes_Returns422NamingEachField_AndAnnouncesNothing()
    {
        using var app = new TestApp();
        var s = await VisitSite.CreateAsync(app);
        using var http = s.Command.Http();
        // Notes may span lines, but a NUL is refused there too.
        var request = new AnnounceVisit("Dele\u001Bgation", 3, InHours(2), [s.EastGate.Id], Host: "Mr\u0007 Li", Notes: "Red carpet\nat the gate\u0000");

        var response = await http.PostAsJsonAsync(s.Url(), request, BoardJson.Options);

        await response.AssertControlCharactersRefusedAsync("title", "host", "notes");
        Assert.Equal(0, await app.QueryDbAsync(db => db.Visits.CountAsync()));
    }

    [Fact]
    public async Task Announce_NotesWithLineBreaksAndTabs_AreKept()
    {
        using var app = new TestApp();
        var s = await VisitSite.CreateAsync(app);
        using var http = s.Command.Http();
        const string notes = "Red carpet at the east gate.\r\nNo photos:\tthe press waits outside.";

        var visit = await (await http.PostAsJsonAsync(s.Url(), new AnnounceVisit("Delegation", 3, InHours(2), [s.EastGate.Id], Notes: notes), BoardJson.Options))
            .ReadAsync<VisitDetailDto>(HttpStatusCode.Created);

        Assert.Equal(notes, visit.Visit.Notes);
    }

    [Fact]
    public async Task OrdersReasonsAndViolations_WithControlCharacters_Return422NamingTheField_AndWriteNothing()
    {
        using var app = new TestApp();
        var s = await VisitSite.CreateAsync(app);
        var visit = await s.AnnounceAsync(InHours(2));
        var url = s.Url($"/{visit.Visit.Id}");

        var order = await VisitSite.PostAsync(s.Command, $"{url}/orders", new SendOrder("Hold the gate\u0000", AllPosts: true));
        var problem = await VisitSite.PostAsync(s.EastGuard, $"{url}/posts/{s.EastGate.Id}/problem", new ReportPostProblem("Barrier \u001B[31mstuck"));
        var violation = await VisitSite.PostAsync(s.EastGuard, $"{url}/violations", new ReportViolation(ViolationKind.IllegalParking, "Van\u0007", Location: "Lot\tB"));
        var cancel = await VisitSite.PostAsync(s.Command, $"{url}/cancel", new CancelVisit("Rain\u0000"));

        await order.AssertControlCharactersRefusedAsync("text");
        await problem.AssertControlCharactersRefusedAsync("reason");
        await violation.AssertControlCharactersRefusedAsync("description", "location");
        await cancel.AssertControlCharactersRefusedAsync("reason");
        var after = await s.GetAsync(visit.Visit.Id);
        Assert.Empty(after.Orders);
        Assert.Empty(after.Violations);
        Assert.Null(after.Posts.Single(p => p.PostId == s.EastGate.Id).Problem);
        Assert.Equal(VisitStatus.Planned, after.Visit.Status);
    }

    [Fact]
    public async Task SendOrder_WithALineBreak_IsKept()
    {
        using var app = new TestApp();
        var s = await VisitSite.CreateAsync(app);
        var visit = await s.AnnounceAsync(InHours(2));
        const string text = "Hold the gate\nuntil the last car is in.";

        (await VisitSite.PostAsync(s.Command, s.Url($"/{visit.Visit.Id}/orders"), new SendOrder(text, AllPosts: true))).EnsureSuccessStatusCode();

        Assert.Equal(text, (await s.GetAsync(visit.Visit.Id)).Orders.Single().Text);
    }

    [Fact]
    public async Task SetChecklistTemplate_WithEscInAnItemsText_Returns422NamingTheItemsField_AndKeepsTheTemplate()
    {
        using var app = new TestApp();
        var s = await VisitSite.CreateAsync(app);
        using var http = s.Manager.Http();
        var items = new List<ChecklistTemplateItemDto> { new("radio-check", "§4.4.2", "对讲机已测试", "Radio\u001B tested", [PostKind.Gate], [3], 45) };

        var response = await http.PutAsJsonAsync($"/api/sites/{s.Site.Id}/checklist-template", new SetChecklistTemplate(items), BoardJson.Options);

        await response.AssertControlCharactersRefusedAsync("items[0].textEn");
        Assert.Equal(0, await app.QueryDbAsync(db => db.ChecklistTemplate.CountAsync()));
    }

    [Fact]
    public async Task TimelineExport_FormulaInAnActorsName_IsNeutralised()
    {
        using var app = new TestApp();
        var s = await VisitSite.CreateAsync(app);
        var visit = await s.AnnounceAsync(InHours(2));
        using var command = s.Command.Http();
        const string name = "=HYPERLINK(\"http://evil.example\",\"x\")";
        var token = await (await command.PostAsJsonAsync("/api/tokens", new CreateTokenRequest(name, s.Site.Id, SiteRole.CommandCenter, 30)))
            .ReadAsync<CreatedTokenDto>(HttpStatusCode.Created);
        using var script = app.Client();
        script.DefaultRequestHeaders.Authorization = new("Bearer", token.Secret);
        (await script.PostAsJsonAsync(s.Url($"/{visit.Visit.Id}/orders"), new SendOrder("Hold the gate", AllPosts: true), BoardJson.Options)).EnsureSuccessStatusCode();

        var csv = await command.GetStringAsync(s.Url($"/{visit.Visit.Id}/timeline/export"));

        Assert.Contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",", csv);
        Assert.DoesNotContain(",\"=HYPERLINK", csv);
    }
}
