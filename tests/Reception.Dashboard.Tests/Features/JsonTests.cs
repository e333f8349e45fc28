using System.Text.Json;
using Reception.Dashboard.Client;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Infrastructure;

namespace Reception.Dashboard.Tests.Features;

public sealed class JsonTests
{
    [Theory]
    [InlineData("\"patrolTeam\"", PostKind.PatrolTeam)]
    [InlineData("\"PatrolTeam\"", PostKind.PatrolTeam)]
    [InlineData("3", PostKind.PatrolTeam)]
    [InlineData("\"castle\"", (PostKind)0)]
    [InlineData("\"3\"", (PostKind)0)]
    [InlineData("null", (PostKind)0)]
    public void ServerEnumReading_UnknownValues_BecomeZeroForTheValidator(string json, PostKind expected)
    {
        Assert.Equal(expected, JsonSerializer.Deserialize<PostKind>(json, ServerJson.Options));
    }

    [Fact]
    public void ServerAndClientJson_RoundTripContracts()
    {
        var post = new PostDto(Guid.NewGuid(), Guid.NewGuid(), "东大门岗", PostKind.FrontDesk, null, 3, false, 7);

        var json = JsonSerializer.Serialize(post, ServerJson.Options);

        Assert.Contains("\"kind\":\"frontDesk\"", json);
        Assert.Equal(post, JsonSerializer.Deserialize<PostDto>(json, BoardJson.Options));
    }
}
