using System.Net;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Tests.Features.Incidents;

/// <summary>
/// desk §0.1: the desk takes and records complaints, repair and help requests; the command center may raise one too.
/// desk §2.7: a complaint is taken whatever its merit, so a kind and a text are enough.
/// </summary>
public sealed class RaiseIncidentTests
{
    [Fact]
    public async Task Raise_ByTheDesk_IsOpenAndNormal_WithUnitAndPerson_AndTheHubHearsItWithoutThem()
    {
        using var app = new TestApp();
        var s = await IncidentSite.CreateAsync(app);
        await using var listener = await BoardListener.JoinAsync(app, s.Site.Id);

        var raised = await s.RaiseAsync();

        Assert.Equal((IncidentKind.Complaint, IncidentPriority.Normal, IncidentState.Open), (raised.Kind, raised.Priority, raised.State));
        Assert.Equal(((Guid?)s.Unit.Id, IncidentSite.UnitNumber), (raised.UnitId, raised.UnitNumber));
        Assert.Equal((IncidentSite.OwnerName, IncidentSite.OwnerPhone), (raised.PersonName, raised.PersonPhone));
        Assert.Equal((IncidentSite.Text, IncidentSite.Location, "desk"), (raised.Text, raised.Location, raised.RaisedBy));
        Assert.Equal(raised, await s.ReadAsync(raised.Id));
        var pushed = Assert.Single(await listener.NextEventsAsync(1));
        Assert.Equal(EventTypes.IncidentRaised, pushed.Type);
        Assert.Equal(new IncidentChanged(raised.Id, IncidentKind.Complaint, IncidentPriority.Normal, IncidentState.Open, IncidentSite.UnitNumber, null, 1),
            pushed.DataAs<IncidentChanged>());
        Assert.Equal(("user", s.Desk.Id.ToString()), (pushed.Actor!.Kind, pushed.Actor.Id));
        // desk §2.8: the stream carries the unit number, never the person or what they said.
        var data = pushed.Data.GetRawText();
        Assert.DoesNotContain(IncidentSite.OwnerName, data);
        Assert.DoesNotContain(IncidentSite.OwnerPhone, data);
        Assert.DoesNotContain("Water", data);
        Assert.DoesNotContain("Lift lobby", data);
    }

    [Fact]
    public async Task Raise_ByTheCommandCenter_IsRaised_ButTheAnswerHidesThePerson()
    {
        using var app = new TestApp();
        var s = await IncidentSite.CreateAsync(app);

        var raised = await s.RaiseAsync(s.Complaint() with { Kind = IncidentKind.LobbySituation, Priority = IncidentPriority.Urgent }, s.Command);

        Assert.Equal((IncidentKind.LobbySituation, IncidentPriority.Urgent, "command"), (raised.Kind, raised.Priority, raised.RaisedBy));
        // desk §2.8: the person is for the desk and those above it, not the command center.
        Assert.Null(raised.PersonName);
        Assert.Null(raised.PersonPhone);
        Assert.Equal(IncidentSite.OwnerName, (await s.ReadAsync(raised.Id)).PersonName);
    }

    [Theory]
    [InlineData("no kind", "kind")]
    [InlineData("unknown kind", "kind")]
    [InlineData("unknown priority", "priority")]
    [InlineData("empty text", "text")]
    [InlineData("blank text", "text")]
    [InlineData("text over the cap", "text")]
    [InlineData("unknown unit", "unitId")]
    [InlineData("unit of another site", "unitId")]
    [InlineData("phone of letters", "personPhone")]
    [InlineData("phone of two digits", "personPhone")]
    [InlineData("name over the cap", "personName")]
    [InlineData("location over the cap", "location")]
    [InlineData("control character in the location", "location")]
    public async Task Raise_BadInput_Returns422NamingTheField_AndWritesNothing(string what, string field)
    {
        using var app = new TestApp();
        var s = await IncidentSite.CreateAsync(app);
        var other = await app.CreateSiteAsync("Other Plaza");
        UnitDto otherUnit;
        using (var admin = app.Http())
        {
            (await admin.PostCsvAsync($"/api/sites/{other.Id}/units/import", "building,room,name,phone,kind\n9,901,Someone,,owner\n")).EnsureSuccessStatusCode();
            otherUnit = Assert.Single(await (await admin.GetAsync($"/api/sites/{other.Id}/units")).ReadAsync<List<UnitDto>>());
        }

        var good = s.Complaint();
        var request = what switch
        {
            "no kind" => good with { Kind = null },
            "unknown kind" => good with { Kind = (IncidentKind)99 },
            "unknown priority" => good with { Priority = (IncidentPriority)99 },
            "empty text" => good with { Text = "" },
            "blank text" => good with { Text = "  \n " },
            "text over the cap" => good with { Text = new string('漏', 1001) },
            "unknown unit" => good with { UnitId = Guid.NewGuid() },
            "unit of another site" => good with { UnitId = otherUnit.Id },
            "phone of letters" => good with { PersonPhone = "call the lobby" },
            "phone of two digits" => good with { PersonPhone = "+86" },
            "name over the cap" => good with { PersonName = new string('王', 101) },
            "location over the cap" => good with { Location = new string('x', 101) },
            "control character in the location" => good with { Location = "Lift\u0007lobby" },
            _ => throw new ArgumentOutOfRangeException(nameof(what)),
        };

        var problem = await (await s.SendAsync(s.Desk, "", request)).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var errors), $"{what}: {problem}");
        Assert.False(string.IsNullOrWhiteSpace(errors[0].GetString()));
        Assert.Equal(0, await s.IncidentCountAsync());
        Assert.Equal(0, await s.IncidentEventCountAsync());
    }

    [Fact]
    public async Task Raise_TextOverTheCap_SaysTheCap_AndAPhoneOfTwoDigitsSaysFive()
    {
        using var app = new TestApp();
        var s = await IncidentSite.CreateAsync(app);

        var problem = await (await s.SendAsync(s.Desk, "", s.Complaint() with { Text = new string('x', 1001), PersonPhone = "12" }))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        var errors = problem.GetProperty("errors");
        Assert.Contains("1000", errors.GetProperty("text")[0].GetString());
        Assert.Contains("5", errors.GetProperty("personPhone")[0].GetString());
    }

    [Fact]
    public async Task Raise_OnlyKindAndText_IsEnough_AndAPhoneCopiedFromTheUnitsList_IsTaken()
    {
        using var app = new TestApp();
        var s = await IncidentSite.CreateAsync(app);

        var bare = await s.RaiseAsync(new RaiseIncident(IncidentKind.Help, null, "Where are parcels kept?"));
        var copied = await s.RaiseAsync(s.Complaint() with { PersonPhone = "+86 (138) 0000-1201" });

        Assert.Null(bare.UnitId);
        Assert.Null(bare.UnitNumber);
        Assert.Null(bare.PersonName);
        Assert.Null(bare.Location);
        Assert.Equal("+86 (138) 0000-1201", copied.PersonPhone);
    }

    [Fact]
    public async Task Raise_ByAGuardOrADepartment_Returns403_AndWritesNothing()
    {
        using var app = new TestApp();
        var s = await IncidentSite.CreateAsync(app);

        await (await s.SendAsync(s.Guard, "", s.Complaint())).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await s.SendAsync(s.Engineer, "", s.Complaint())).ReadProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal(0, await s.IncidentCountAsync());
    }

    [Fact]
    public async Task Raise_RepeatedIdempotencyKey_RaisesOnce_AndAnswersTheFirst()
    {
        using var app = new TestApp();
        var s = await IncidentSite.CreateAsync(app);
        using var http = s.Desk.Http();

        var first = await (await http.SendJsonAsync(HttpMethod.Post, s.Url(), s.Complaint(), "raise-1")).ReadAsync<IncidentDto>(HttpStatusCode.Created);
        var again = await (await http.SendJsonAsync(HttpMethod.Post, s.Url(), s.Complaint(), "raise-1")).ReadAsync<IncidentDto>(HttpStatusCode.Created);

        Assert.Equal(first, again);
        Assert.Equal(1, await s.IncidentCountAsync());
        Assert.Equal(1, await s.IncidentEventCountAsync());
    }
}
